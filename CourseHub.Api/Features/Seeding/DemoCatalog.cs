using System.Security.Cryptography;
using System.Text;
using CourseHub.Api.Infrastructure;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// The demo catalog as readable data: every course's title, description, outcomes, curriculum and lesson text is
/// written out in the <c>DemoCourses.*.cs</c> files (one per subject area); this file turns that data into entities.
/// Ratings and student counts start at zero: they are what reviews and enrollments add up to, and the demo has
/// neither yet, so any other number would be made up.
/// </summary>
public static partial class DemoCatalog
{
    public sealed record DemoTeacher(Guid Id, string Name, string Bio);

    /// <summary>A demo course. Its slug (and so its id) comes from the title: keep titles stable, or an old copy stays behind.</summary>
    public sealed record DemoCourse(
        string Title,
        string Subtitle,
        string Category,
        CourseLevel Level,
        long PriceCents,
        DemoTeacher Teacher,
        string Description,
        string[] Outcomes,
        string[] Requirements,
        DemoModule[] Modules)
    {
        public string Slug => Slugs.FromTitle(Title);
    }

    public sealed record DemoModule(string Title, DemoLesson[] Lessons);

    public abstract record DemoLesson(string Title, int Minutes);

    /// <summary>A reading. The first lesson of a course is its free preview, so it is the one to write most carefully.</summary>
    public sealed record DemoText(string Title, int Minutes, string Markdown) : DemoLesson(Title, Minutes);

    public sealed record DemoQuiz(string Title, int Minutes, DemoQuestion[] Questions) : DemoLesson(Title, Minutes);

    /// <summary>The course workbook: a PDF the seed writes to blob storage (see <see cref="DemoWorkbook"/>).</summary>
    public sealed record DemoDownload(string Title) : DemoLesson(Title, 2);

    public abstract record DemoQuestion(string Prompt);

    /// <summary>A single-choice question; the correct answer is written first and moved to a varying position when seeded.</summary>
    public sealed record DemoChoice(string Prompt, string Correct, params string[] Wrong) : DemoQuestion(Prompt);

    /// <summary>A multiple-choice question: every correct option must be ticked, and no wrong one.</summary>
    public sealed record DemoMultiple(string Prompt, string[] Correct, string[] Wrong) : DemoQuestion(Prompt);

    public sealed record DemoFillIn(string Prompt, params string[] Accepted) : DemoQuestion(Prompt);

    /// <summary>
    /// When the current demo content was written. A demo course last updated before this still holds what an earlier
    /// seed wrote (whose dates all lie before it) and is rewritten with the current content; one a teacher has edited
    /// since carries the date of that edit and is left alone. A future revision of the content moves this date on.
    /// </summary>
    public static readonly DateTimeOffset ContentRevision = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

    public static readonly DemoTeacher Ada = new(StableGuid("teacher:ada-okafor"), "Ada Okafor",
        "Software engineer for fifteen years, the last eight building .NET services for banks and logistics companies. " +
        "Teaches C#, ASP.NET Core and the web platform the way she reviews code: small steps, real examples, fast tests.");
    public static readonly DemoTeacher Lukas = new(StableGuid("teacher:lukas-brenner"), "Lukas Brenner",
        "Platform engineer who has run Kubernetes clusters and CI pipelines for a payments company and a public broadcaster. " +
        "Writes Go and Rust for the tools in between, and teaches infrastructure as something you can test and repeat.");
    public static readonly DemoTeacher Mei = new(StableGuid("teacher:mei-tanaka"), "Mei Tanaka",
        "Data scientist and former statistics lecturer. Has built forecasting and recommendation models in Python and SQL " +
        "for retail and healthcare, and makes the mathematics behind them approachable.");
    public static readonly DemoTeacher Sofia = new(StableGuid("teacher:sofia-marquez"), "Sofía Márquez",
        "Product designer and illustrator from Valencia. Designed apps used by millions, ran a design system team, " +
        "and draws children's books on her iPad in the evenings.");
    public static readonly DemoTeacher Daniel = new(StableGuid("teacher:daniel-wright"), "Daniel Wright",
        "Founded two software companies, one sold and one still running with a fully remote team of forty. " +
        "Teaches finance, marketing and management from what worked for him and what did not.");
    public static readonly DemoTeacher Priya = new(StableGuid("teacher:priya-raman"), "Priya Raman",
        "Language teacher and speaking coach. Speaks English, Tamil, Spanish, German and Japanese, has taught adults in " +
        "evening classes for twelve years, and coaches engineers before their first conference talk.");
    public static readonly DemoTeacher Jonas = new(StableGuid("teacher:jonas-lindqvist"), "Jonas Lindqvist",
        "Guitarist, producer and photographer from Gothenburg. Has released three albums, shoots concerts and the night sky, " +
        "and teaches creative skills one small, audible or visible step at a time.");
    public static readonly DemoTeacher Nadia = new(StableGuid("teacher:nadia-haddad"), "Nadia Haddad",
        "Physiotherapist and certified strength coach. Helps office workers and first-time lifters get strong without getting hurt.");

    public static readonly DemoTeacher[] Teachers = [Ada, Lukas, Mei, Sofia, Daniel, Priya, Jonas, Nadia];

    /// <summary>Bios the earlier generated seed wrote: an account still carrying one gets its current bio.</summary>
    public static readonly string[] PreviousBios =
    [
        "Software engineer for fifteen years, now teaching the craft full time. Loves clean code and fast tests.",
        "Cloud architect who has run production systems at scale; teaches DevOps the way it is practised.",
        "Data scientist and former university lecturer; makes statistics and machine learning approachable.",
        "Product designer and illustrator; teaches design that works for real people.",
        "Founder of two companies; teaches business, finance and marketing from first-hand experience.",
        "Coach and language teacher; helps learners build habits that last.",
        "Musician, photographer and producer; teaches creative skills step by step.",
    ];

    /// <summary>Every demo course, grouped by subject; each subject's courses in the order they were published.</summary>
    public static IReadOnlyList<DemoCourse> Content => _all ??= [.. Programming(), .. DataScience(), .. CloudDevOps(), .. BusinessAndMarketing(), .. DesignAndPhotography(), .. LanguagesAndMore()];
    private static IReadOnlyList<DemoCourse>? _all;

    public static IEnumerable<Course> Courses(IReadOnlyDictionary<string, int> categoryIds)
    {
        // Courses are published spread evenly over the year within each category, so the newest ones are a mix of
        // subjects rather than the last category in these files.
        var order = Content
            .Select((course, index) => (Course: course, Index: index))
            .GroupBy(entry => entry.Course.Category)
            .SelectMany(group => group.Select((entry, rank) => (entry.Course, entry.Index, Share: (rank + 0.5) / group.Count())))
            .OrderBy(entry => entry.Share).ThenBy(entry => entry.Index)
            .Select((entry, published) => (entry.Course, entry.Index, Published: published))
            .OrderBy(entry => entry.Index);
        foreach (var (course, _, published) in order)
        {
            yield return ToEntity(course, published, categoryIds[course.Category]);
        }
    }

    /// <summary>The entity for a demo course: ids are derived from the slug, so every start writes the same rows.</summary>
    private static Course ToEntity(DemoCourse demo, int publishedOrder, int categoryId)
    {
        // Publication dates spread over the year before the content revision, a course about every week.
        var published = new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero).AddDays(publishedOrder * 7).AddHours(publishedOrder % 5);
        var slug = demo.Slug;
        var course = new Course
        {
            Id = StableGuid("course:" + slug),
            Title = demo.Title,
            Subtitle = demo.Subtitle,
            Slug = slug,
            Description = demo.Description.Trim(),
            CategoryId = categoryId,
            Level = demo.Level,
            Language = "en",
            PriceMinor = demo.PriceCents,
            Currency = "USD",
            LearningOutcomes = [.. demo.Outcomes],
            Requirements = [.. demo.Requirements],
            Status = CourseStatus.Published,
            TeacherId = demo.Teacher.Id,
            TeacherName = demo.Teacher.Name,
            // Aggregates of reviews and enrollments, of which the demo has none.
            RatingAverage = 0,
            RatingCount = 0,
            EnrollmentCount = 0,
            CreatedAt = published.AddDays(-20),
            UpdatedAt = ContentRevision,
            PublishedAt = published,
        };
        course.Modules = [.. demo.Modules.Select((module, position) => ModuleEntity(course, module, position))];
        return course;
    }

    private static CourseModule ModuleEntity(Course course, DemoModule demo, int position)
    {
        var key = $"{course.Slug}:{position}";
        var module = new CourseModule { Id = StableGuid("module:" + key), CourseId = course.Id, Position = position + 1, Title = demo.Title };
        module.Lessons = [.. demo.Lessons.Select((lesson, index) => LessonEntity(course, $"{key}:{index}", lesson, index, isFirst: position == 0 && index == 0))];
        return module;
    }

    private static Lesson LessonEntity(Course course, string key, DemoLesson demo, int index, bool isFirst)
    {
        var lesson = new Lesson
        {
            Id = StableGuid("lesson:" + key),
            Position = index + 1,
            Title = demo.Title,
            DurationSeconds = demo.Minutes * 60,
            // The course's opening reading is free to preview, so a visitor can judge the teaching before buying.
            IsFreePreview = isFirst,
        };
        switch (demo)
        {
            case DemoText text:
                lesson.Type = LessonType.Text;
                lesson.TextMarkdown = text.Markdown.Trim();
                break;
            case DemoQuiz quiz:
                lesson.Type = LessonType.Quiz;
                lesson.Questions = [.. quiz.Questions.Select((question, q) => QuestionEntity($"{key}:{q}", question, q))];
                break;
            case DemoDownload:
                lesson.Type = LessonType.Download;
                // The seed uploads the PDF while the size is still 0 (DemoCatalogSeeder.UploadWorkbooksAsync).
                lesson.DownloadBlobName = $"courses/{course.Id}/demo-workbook";
                lesson.DownloadFileName = $"{course.Slug}-workbook.pdf";
                lesson.DownloadContentType = "application/pdf";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(demo), demo.GetType().Name);
        }
        return lesson;
    }

    private static QuizQuestion QuestionEntity(string key, DemoQuestion demo, int position)
    {
        var question = new QuizQuestion { Id = StableGuid("question:" + key), Position = position + 1, Prompt = demo.Prompt, Points = 1 };
        switch (demo)
        {
            case DemoChoice choice:
                question.Kind = QuizQuestionKind.SingleChoice;
                // The correct answer is written first; seeded, it moves around so "always the first" is never the trick.
                var options = choice.Wrong.Select(text => (Text: text, Correct: false)).ToList();
                options.Insert((position * 2 + key.Length) % (options.Count + 1), (choice.Correct, true));
                question.Options = Options(key, options);
                break;
            case DemoMultiple multiple:
                question.Kind = QuizQuestionKind.MultipleChoice;
                question.Points = 2;
                question.Options = Options(key, [.. multiple.Correct.Select(t => (t, true)).Concat(multiple.Wrong.Select(t => (t, false)))
                    .OrderBy(option => StableGuid(key + option.Item1))]);
                break;
            case DemoFillIn fillIn:
                question.Kind = QuizQuestionKind.FillIn;
                question.AcceptedAnswers = [.. fillIn.Accepted];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(demo), demo.GetType().Name);
        }
        return question;
    }

    private static List<QuizOption> Options(string key, List<(string Text, bool Correct)> options) =>
        [.. options.Select((option, i) => new QuizOption { Id = StableGuid($"option:{key}:{i}"), Position = i + 1, Text = option.Text, IsCorrect = option.Correct })];

    public static Guid StableGuid(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("coursehub-demo:" + name));
        return new Guid(hash);
    }

    // Shorthands that keep the course files readable.
    private static DemoText Text(string title, int minutes, string markdown) => new(title, minutes, markdown);
    private static DemoQuiz Quiz(string title, params DemoQuestion[] questions) => new(title, 2 + questions.Length * 2, questions);
    private static DemoDownload Workbook() => new("Course workbook (PDF)");
    private static DemoChoice Choice(string prompt, string correct, params string[] wrong) => new(prompt, correct, wrong);
    private static DemoFillIn FillIn(string prompt, params string[] accepted) => new(prompt, accepted);
    private static DemoMultiple Multiple(string prompt, string[] correct, string[] wrong) => new(prompt, correct, wrong);
    private static DemoModule Module(string title, params DemoLesson[] lessons) => new(title, lessons);
}
