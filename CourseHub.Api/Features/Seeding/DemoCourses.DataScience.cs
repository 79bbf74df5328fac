using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's data courses, and the mathematics behind them.
public static partial class DemoCatalog
{
    private static DemoCourse[] DataScience() =>
    [
        new("Introduction to Machine Learning", "From linear regression to neural networks, with scikit-learn", "data-science", Beginner, 6999, Mei,
            """
            Machine learning is a set of methods for learning patterns from examples instead of writing rules by hand. This course builds your intuition first — what a model is, how it learns, how it fails — and then puts every idea into practice with Python and scikit-learn on real data sets.

            ## Who this course is for
            - Programmers who want to understand and use machine learning
            - Analysts who want to move from reports to predictions
            """,
            ["Frame a problem as regression or classification",
             "Train and compare models with scikit-learn",
             "Evaluate models honestly with train/test splits and cross-validation",
             "Recognise overfitting and reduce it"],
            ["Basic Python", "High-school mathematics"],
            [
                Module("What is machine learning",
                    Text("Learning from examples", 12, """
                        A spam filter could be a long list of rules written by hand: "an email with 'winner' in the subject is spam". It would be wrong often and out of date quickly. A machine-learning model instead looks at thousands of emails already labelled spam or not spam and finds the patterns itself.

                        Every supervised learning problem has the same parts: examples described by features (the words in an email), a target to predict (spam or not), and a model with parameters that a training algorithm adjusts until its predictions match the targets as well as possible.

                        The hard part is not training. It is making sure the model works on emails it has never seen, which is why half of this course is about evaluation.
                        """),
                    Workbook()),
                Module("Regression and classification",
                    Text("Linear regression", 14, """
                        Linear regression predicts a number as a weighted sum of features: price = 3,000 × rooms + 150 × square metres + a constant. Training finds the weights that make the squared errors on the training data as small as possible. In scikit-learn that is two lines: `model = LinearRegression().fit(X_train, y_train)`.
                        """),
                    Text("Classification", 14, """
                        Logistic regression, decision trees and random forests predict a category instead of a number. Start with the simplest model that could work; it is a baseline that every cleverer model has to beat.
                        """)),
                Module("Model evaluation",
                    Text("Honest evaluation", 15, """
                        Always hold back data the model never sees in training and measure on that. Cross-validation repeats the split several times for a steadier estimate. A model that is near perfect on its training data and poor on the test data has memorised instead of learned: that is overfitting.
                        """),
                    Quiz("Check your understanding",
                        Choice("Predicting a house's price from its size is…", "a regression problem", "a classification problem", "a clustering problem", "not a machine-learning problem"),
                        Choice("A model scores 99% on training data and 60% on test data. What is most likely happening?", "Overfitting", "Underfitting", "A perfect model", "Too much test data"),
                        FillIn("Which technique repeats the train/test split several times for a steadier estimate?", "cross-validation", "cross validation"))),
            ]),

        new("SQL for Data Analysis", "Query, join and aggregate your way to insights with PostgreSQL", "data-science", Beginner, 0, Mei,
            """
            SQL is the language every data team shares, and it is far more expressive than most people realise. In this free course you query a realistic online-shop database in PostgreSQL: filter and sort, join tables, aggregate, and finish with window functions for running totals and rankings.

            ## Who this course is for
            - Analysts, marketers and product managers who want answers without waiting for someone else
            - Developers who want to write better queries
            """,
            ["Write SELECT queries that filter, sort and limit results",
             "Combine tables with inner and outer joins",
             "Summarise data with GROUP BY and aggregate functions",
             "Compute rankings and running totals with window functions"],
            ["No experience needed", "PostgreSQL or a free online SQL playground"],
            [
                Module("SELECT basics",
                    Text("Asking your first questions", 12, """
                        A relational database stores data in tables: rows are records, columns are their attributes. `SELECT name, city FROM customers WHERE country = 'DE' ORDER BY name LIMIT 10;` reads almost like the question it answers: the first ten German customers by name.

                        SQL is declarative. You describe the result you want, and the database works out how to get it — which index to use, in what order to read the tables. That is why the same query keeps working when the table grows from a thousand rows to a hundred million.

                        Get into the habit of naming the columns you need instead of `SELECT *`: the query says what it is for, and it keeps working when someone adds a column.
                        """),
                    Workbook()),
                Module("Joins and aggregation",
                    Text("Joining tables", 14, """
                        Orders reference customers by id. `JOIN customers c ON c.id = o.customer_id` puts each order next to its customer. An inner join keeps only matching rows; a `LEFT JOIN` keeps every row of the left table, which is how you find customers who never ordered.
                        """),
                    Text("GROUP BY", 12, """
                        `SELECT country, count(*), sum(total) FROM orders GROUP BY country` turns millions of rows into one line per country. Filter groups with `HAVING`, for example to keep only countries with more than a hundred orders.
                        """)),
                Module("Window functions",
                    Text("Rankings and running totals", 15, """
                        A window function computes across related rows without collapsing them: `rank() OVER (PARTITION BY category ORDER BY revenue DESC)` ranks products within each category, and `sum(total) OVER (ORDER BY day)` gives a running total.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which join keeps customers who have no orders?", "LEFT JOIN from customers to orders", "INNER JOIN", "CROSS JOIN", "None; you need two queries"),
                        Choice("Which clause filters groups after aggregation?", "HAVING", "WHERE", "ORDER BY", "LIMIT"),
                        FillIn("Which keyword starts the window of a window function?", "OVER"))),
            ]),

        new("Deep Learning with PyTorch", "Train convolutional and transformer models from scratch", "data-science", Advanced, 9999, Mei,
            """
            This course opens the black box. You build neural networks in PyTorch from tensors up, write your own training loop, train a convolutional network on images and a small transformer on text, and learn the practical craft — initialisation, learning rates, regularisation — that makes training work.

            ## Who this course is for
            - Developers and data scientists comfortable with Python and NumPy
            - Machine-learning practitioners who want to understand what frameworks do for them
            """,
            ["Work with tensors and automatic differentiation",
             "Write a complete training loop with validation and checkpoints",
             "Train convolutional networks for image classification",
             "Explain and implement self-attention in a small transformer"],
            ["Python and NumPy", "Linear algebra and derivatives at an introductory level", "A GPU helps but is not required"],
            [
                Module("Tensors and autograd",
                    Text("Tensors that remember", 14, """
                        A PyTorch tensor is an n-dimensional array like a NumPy array, with two additions: it can live on a GPU, and it can record the operations applied to it. Create one with `requires_grad=True`, compute a loss from it, call `loss.backward()`, and PyTorch fills in the gradient of the loss with respect to every parameter.

                        That is automatic differentiation, and it is all a neural network needs: the model is a function with parameters, the loss says how wrong it is, and the gradients say which way to nudge each parameter to make it less wrong.

                        Before moving on, train a one-parameter model by hand: fit `y = w · x` to a few points with a loop of forward pass, backward pass and `w -= learning_rate * w.grad`.
                        """),
                    Workbook()),
                Module("Training loops and convolutional networks",
                    Text("A training loop you can trust", 15, """
                        Every epoch: set `model.train()`, loop over batches, compute the loss, call `optimizer.zero_grad()`, `loss.backward()` and `optimizer.step()`. Then `model.eval()` and measure on validation data under `torch.no_grad()`. Save a checkpoint whenever validation improves.
                        """),
                    Text("Convolutions", 14, """
                        A convolutional layer slides small learned filters over an image, so the same edge detector works wherever the edge is. Stacking convolutions and pooling builds features from edges to textures to objects.
                        """)),
                Module("Transformers",
                    Text("Self-attention", 16, """
                        In self-attention each token builds a query, a key and a value. The dot products of queries with keys say how much each token should attend to every other; the output is the weighted sum of values. Multi-head attention runs several of these in parallel, each free to learn a different relation.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does `loss.backward()` compute?", "The gradients of the loss with respect to the parameters", "The next batch", "The validation accuracy", "A new learning rate"),
                        Choice("Why call `optimizer.zero_grad()` in each step?", "Gradients accumulate by default", "It speeds up the GPU", "It resets the weights", "It is only needed on the first epoch"),
                        FillIn("In attention, queries are compared with which vectors?", "keys", "key"))),
            ]),

        new("Statistics for Data Scientists", "Probability, inference and experiments without the fear", "data-science", Intermediate, 4999, Mei,
            """
            Statistics is how we tell a real effect from noise. This course explains the ideas behind the formulas — distributions, sampling, confidence intervals, hypothesis tests and regression — with simulations in Python, and ends with designing and reading an A/B test properly.

            ## Who this course is for
            - Data scientists and analysts who use statistical tests and want to understand them
            - Product people who read experiment results
            """,
            ["Describe data with the right summary statistics and plots",
             "Reason about probability and sampling variation",
             "Run and interpret hypothesis tests and confidence intervals",
             "Design A/B tests with enough power and avoid common traps"],
            ["Basic Python", "Comfort with high-school algebra"],
            [
                Module("Descriptive statistics",
                    Text("Describing data honestly", 12, """
                        The mean is the balance point of the data; the median is the middle value. For incomes, delivery times and anything else with a long tail, the two can be far apart, and the median usually tells the more honest story.

                        Spread matters as much as the centre. The standard deviation measures typical distance from the mean; the interquartile range is its robust cousin. Always plot the data too: four data sets with the same mean, variance and correlation can look completely different.

                        A good summary answers three questions: where is the middle, how wide is it, and what is unusual?
                        """),
                    Workbook()),
                Module("Probability and inference",
                    Text("Sampling variation", 14, """
                        Take a sample, compute its mean, repeat: the means vary. The central limit theorem says their distribution is close to normal, with a spread that shrinks with the square root of the sample size. Four times the data halves the uncertainty.
                        """),
                    Text("Confidence intervals and p-values", 15, """
                        A 95% confidence interval comes from a procedure that captures the true value in 95% of repeated samples. A p-value is the probability of data at least this extreme if there were no effect; it is not the probability that the effect is real.
                        """)),
                Module("A/B testing",
                    Text("Designing an experiment", 15, """
                        Decide the metric, the smallest effect worth detecting and the sample size before you start, and do not stop the test the moment it looks significant: peeking inflates false positives. Randomise users, not page views, and check that both groups look alike before reading the result.
                        """),
                    Quiz("Check your understanding",
                        Choice("For delivery times with a few very late parcels, which summary is usually more representative?", "The median", "The mean", "The maximum", "The standard deviation"),
                        Choice("How much more data halves the standard error of a mean?", "Four times as much", "Twice as much", "Ten times as much", "It does not depend on the amount of data"),
                        Choice("What does a p-value of 0.03 mean?", "Data this extreme would occur 3% of the time if there were no effect", "There is a 97% chance the effect is real", "The effect is 3% large", "The test has 3% power"))),
            ]),

        new("Data Engineering Pipelines", "Batch and streaming pipelines with Airflow and Kafka", "data-science", Advanced, 8999, Lukas,
            """
            Reports and models are only as good as the data that feeds them. This course builds a pipeline from raw events to a tidy warehouse: batch jobs orchestrated by Apache Airflow, a streaming path through Apache Kafka, data-quality checks, and the design choices that keep it running when sources change.

            ## Who this course is for
            - Backend engineers moving into data engineering
            - Analysts and data scientists who maintain their own pipelines
            """,
            ["Design idempotent batch pipelines that can be re-run safely",
             "Orchestrate and schedule jobs with Apache Airflow",
             "Process event streams with Kafka topics and consumer groups",
             "Add data-quality checks and model a warehouse for analysis"],
            ["Python and SQL", "Comfort with the command line and Docker"],
            [
                Module("Pipeline design",
                    Text("Pipelines that can run twice", 14, """
                        The first rule of data engineering: every job will fail halfway at some point, and someone will run it again. Design for that. A job that loads "yesterday" should replace yesterday's partition, not append to it, so a re-run gives the same result instead of duplicates.

                        Keep raw data as it arrived, in cheap storage, before transforming it. When a transformation turns out to be wrong — and one will — you can fix the code and rebuild from the raw layer instead of asking the source to send everything again.

                        Finally, make every step observable: how many rows came in, how many went out, how long it took. A pipeline that fails loudly is far better than one that quietly loads half the data.
                        """),
                    Workbook()),
                Module("Orchestration and streaming",
                    Text("Airflow DAGs", 14, """
                        An Airflow DAG describes tasks and their dependencies in Python; the scheduler runs each task when its upstream tasks have succeeded, retries failures and keeps a history of every run. Pass the run's logical date to every task so back-fills process the right day.
                        """),
                    Text("Kafka topics", 14, """
                        Kafka stores events in partitioned, append-only topics. Consumers in a group share the partitions, and each records its offset, so a restarted consumer continues where it stopped. Ordering is guaranteed within a partition, so choose the key — a customer id, for example — accordingly.
                        """)),
                Module("Data quality and warehousing",
                    Text("Checking the data", 14, """
                        Test data the way you test code: row counts within expected ranges, keys unique and not null, foreign keys matching, values within plausible bounds. Run the checks after each load and stop the pipeline before bad data reaches a dashboard.
                        """),
                    Quiz("Check your understanding",
                        Choice("Why should a daily job replace its day's partition instead of appending?", "So a re-run does not create duplicates", "Appending is slower in every database", "Partitions cannot be appended to", "Airflow requires it"),
                        Choice("Within what does Kafka guarantee the order of events?", "A partition", "A topic", "A cluster", "A consumer group"),
                        FillIn("What does Airflow call a workflow of tasks and their dependencies?", "DAG", "a DAG"))),
            ]),

        new("Linear Algebra for Machine Learning", "Vectors, matrices and decompositions with intuition", "science-math", Intermediate, 4999, Mei,
            """
            Linear algebra is the language of machine learning: data sets are matrices, models are linear maps, and training is geometry. This course builds the intuition with pictures and small NumPy experiments — vectors, matrix products, eigenvalues, and the singular value decomposition behind PCA.

            ## Who this course is for
            - Developers and analysts starting machine learning
            - Anyone who learned linear algebra once and never saw what it was for
            """,
            ["Picture vectors, dot products and matrix products geometrically",
             "Solve linear systems and understand when they have no solution",
             "Explain eigenvalues and eigenvectors and compute them with NumPy",
             "Reduce the dimensions of a data set with SVD and PCA"],
            ["High-school algebra", "Basic Python for the exercises"],
            [
                Module("Vectors",
                    Text("Vectors are arrows and lists", 12, """
                        A vector is both an arrow in space and a list of numbers. A customer described by age, income and visits per month is a point in three-dimensional space, and "similar customers" are points close to each other.

                        The dot product connects the two views. Computed as a sum of products of matching entries, it also equals the lengths of the two vectors times the cosine of the angle between them. That is why cosine similarity — the dot product of normalised vectors — measures how alike two documents or two users are.

                        Try it in NumPy: `a @ b / (np.linalg.norm(a) * np.linalg.norm(b))` gives 1 for vectors pointing the same way and 0 for perpendicular ones.
                        """),
                    Workbook()),
                Module("Matrices and linear maps",
                    Text("Matrices transform space", 14, """
                        A matrix is a function that moves every vector: it can rotate, stretch, shear or flatten space. Multiplying two matrices applies one transformation after the other, which is why the order matters.
                        """),
                    Text("Solving linear systems", 13, """
                        `Ax = b` asks which input the matrix sends to b. When A flattens space (its determinant is zero), some b cannot be reached at all and others are reached by infinitely many x. Least squares finds the best approximate answer, which is linear regression in disguise.
                        """)),
                Module("Eigenvalues, SVD and PCA",
                    Text("Directions that do not turn", 15, """
                        An eigenvector of a matrix keeps its direction when transformed; its eigenvalue says how much it is stretched. The singular value decomposition writes any matrix as rotation, stretch, rotation. Keeping only the largest singular values gives the best low-rank approximation: that is PCA.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is the cosine similarity of two vectors pointing in the same direction?", "1", "0", "-1", "It depends on their lengths"),
                        Choice("What does a determinant of zero tell you about a matrix?", "It flattens space, so it has no inverse", "It is the identity matrix", "All its entries are zero", "It is a rotation"),
                        FillIn("Which decomposition writes any matrix as rotation, stretch and rotation?", "SVD", "singular value decomposition"))),
            ]),
    ];
}
