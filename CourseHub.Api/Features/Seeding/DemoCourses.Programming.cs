using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's programming courses. Hand-written: what a teacher would really put on the page.
public static partial class DemoCatalog
{
    private static DemoCourse[] Programming() =>
    [
        new("C# from Zero to Confident", "Learn modern C# and .NET by building real console and web apps", "programming", Beginner, 4999, Ada,
            """
            C# is one of the most versatile languages you can learn: the same skills build command-line tools, web APIs, desktop apps and games. This course starts from an empty folder and ends with a small web app you wrote yourself.

            We use the current .NET SDK and its command line, so everything works the same on Windows, macOS and Linux. Each lesson is short and ends with something you run.

            ## Who this course is for
            - People who have never programmed, or who have only tried a little
            - Developers from other languages who want a structured tour of C#
            """,
            ["Install the .NET SDK and create, run and debug a project from the command line",
             "Write programs with variables, conditions, loops and methods",
             "Model data with classes and records, and query it with LINQ",
             "Build a small ASP.NET Core web app that reads and saves data"],
            ["No programming experience needed", "A computer where you can install the .NET SDK"],
            [
                Module("Getting started with .NET",
                    Text("Your first C# program", 12, """
                        Every C# program starts the same way: you create a project, write some code, and ask the SDK to build and run it. Open a terminal and type:

                        ```
                        dotnet new console -o Hello
                        cd Hello
                        dotnet run
                        ```

                        The SDK created two files. `Hello.csproj` tells the build which framework to target and which packages to use; you will rarely edit it by hand. `Program.cs` holds a single line, `Console.WriteLine("Hello, World!");`, and that line is a complete program: modern C# lets you write statements at the top of a file without wrapping them in a class.

                        Change the text, save, and run again. Then try `Console.ReadLine()` to ask for the user's name and greet them with it. Congratulations: you have written a program that takes input and produces output, which is what every program does, however large.
                        """),
                    Workbook()),
                Module("Types, variables and control flow",
                    Text("Values and their types", 10, """
                        C# is statically typed: every variable has a type the compiler knows, such as `int`, `double`, `string` or `bool`. You can write the type yourself (`int age = 42;`) or let the compiler infer it (`var age = 42;`); both produce exactly the same code.

                        The type decides what you may do with a value. You can add two numbers and concatenate two strings, but adding a number to a `bool` is a compile error. That strictness feels slow at first and saves hours later: the compiler finds the mistake before your user does.
                        """),
                    Text("Making decisions and repeating work", 14, """
                        `if` and `else` choose between paths; `switch` expressions pick a value from several cases in one readable block:

                        ```csharp
                        var label = score switch { >= 90 => "excellent", >= 60 => "passed", _ => "try again" };
                        ```

                        Loops repeat work. Use `foreach` to visit every item of a collection, `for` when you need the index, and `while` when you do not know in advance how many rounds it takes.
                        """)),
                Module("Classes, records and LINQ",
                    Text("Modelling data with records", 15, """
                        A `record` is the quickest way to describe data: `public record Book(string Title, string Author, int Year);` gives you a constructor, read-only properties, equality by value and a readable `ToString()`.

                        Use classes when an object has behaviour and changing state, such as a shopping basket; use records for values that describe something, such as an order line. With a `List<Book>` and LINQ you can then ask questions in one line: `books.Where(b => b.Year > 2000).OrderBy(b => b.Title)`.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which command creates a new console project?", "dotnet new console", "dotnet run console", "dotnet build --new", "csc new"),
                        Choice("What does `var` do in `var count = 3;`?", "Lets the compiler infer the type int", "Makes the variable dynamic", "Declares a constant", "Makes the variable nullable"),
                        FillIn("Which C# keyword declares a type with value equality and positional properties in one line?", "record"))),
            ]),

        new("ASP.NET Core Minimal APIs in Depth", "Design, secure and test fast HTTP APIs with minimal APIs", "programming", Intermediate, 6999, Ada,
            """
            Minimal APIs let you describe an HTTP API in a few readable lines, without controllers, and they are fast. This course goes beyond the hello-world: route groups, validation with ProblemDetails, JWT authentication, typed results that document themselves in OpenAPI, and integration tests against the real host.

            ## Who this course is for
            - C# developers who have built a web app and want to design APIs properly
            - Teams moving from MVC controllers to minimal APIs
            """,
            ["Organise endpoints with route groups and feature folders",
             "Return typed results so every response appears in the OpenAPI document",
             "Validate input and report errors as RFC 7807 ProblemDetails",
             "Secure routes with JWT bearer tokens and authorization policies",
             "Test an API end to end with WebApplicationFactory"],
            ["Comfortable with C# and async/await", "The .NET SDK installed"],
            [
                Module("Routing and endpoints",
                    Text("From MapGet to route groups", 14, """
                        A minimal API endpoint is a route and a handler: `app.MapGet("/books/{id:int}", (int id, BookStore store) => store.Find(id));`. Route parameters, query values, the request body and services from dependency injection all arrive as handler parameters, bound by name and type.

                        As an API grows, group its routes: `var books = app.MapGroup("/api/books").WithTags("Books");` lets you set a prefix, tags, authorization and filters once for a whole family of endpoints. Put each group in its own static class with a `MapBookEndpoints` extension method, next to the types it uses: that is a feature folder, and it keeps `Program.cs` to a dozen lines.

                        Name your endpoints (`.WithName("GetBook")`) and describe them (`.WithSummary(...)`). The name becomes the OpenAPI operation id that client generators use, so choose it as carefully as a method name.
                        """),
                    Workbook()),
                Module("Validation and ProblemDetails",
                    Text("Typed results", 12, """
                        Returning `Results<Ok<Book>, NotFound>` instead of `IResult` tells both the compiler and the OpenAPI document every answer a route can give. A handler that forgets a case does not compile, and the document never drifts from the code.
                        """),
                    Text("Errors clients can act on", 13, """
                        `TypedResults.ValidationProblem(errors)` answers 400 with a ProblemDetails body whose `errors` object names each field and what is wrong with it. Clients can show the message next to the right input. Register `AddProblemDetails()` and an exception handler so that even unexpected failures return ProblemDetails, never a stack trace.
                        """)),
                Module("Authentication and testing",
                    Text("Protecting routes with JWT", 16, """
                        `AddAuthentication().AddJwtBearer()` validates the token on each request; `RequireAuthorization("Teacher")` on a group applies a policy to every route in it. Keep tokens short-lived and let the signing keys be discovered from a JWKS endpoint, so you can rotate them without redeploying every service.

                        Test with `WebApplicationFactory<Program>`: it starts your real pipeline in memory, and an `HttpClient` from it exercises routing, binding, authentication and serialization exactly as production does.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does returning `Results<Ok<Book>, NotFound>` give you over `IResult`?", "Both answers appear in the OpenAPI document and are checked by the compiler", "Faster serialization", "Automatic caching", "Nothing; it is only a style"),
                        Choice("Which status code does a ValidationProblem answer with?", "400", "404", "409", "500"),
                        FillIn("Which method creates a group of routes that share a prefix?", "MapGroup", "MapGroup()"))),
            ]),

        new("Blazor for Web Developers", "Interactive web UIs in C# with Blazor Server and WebAssembly", "programming", Intermediate, 5999, Ada,
            """
            Blazor lets you build interactive web pages in C# and Razor, sharing types and validation with your back end. This course explains how components render, when to choose server or WebAssembly interactivity, and how to build forms, routing and API calls that hold up in production.

            ## Who this course is for
            - .NET developers who want to build web front ends without switching languages
            - Front-end developers curious about a component model with a typed language
            """,
            ["Build reusable components with parameters, events and child content",
             "Choose between static, server and WebAssembly render modes",
             "Write forms with validation that runs in the browser and on the server",
             "Call HTTP APIs from components and handle loading and errors"],
            ["C# fundamentals", "Basic HTML and CSS"],
            [
                Module("Components and rendering",
                    Text("How a component renders", 14, """
                        A Blazor component is a `.razor` file: markup with C# mixed in, compiled into a class that builds a render tree. When its state changes, Blazor renders the component again, compares the new tree with the old one and sends only the differences to the browser.

                        Parameters flow down (`[Parameter] public string Title { get; set; }`), events flow up (`EventCallback<T>`), and a component re-renders after each event handler it owns. That small set of rules explains almost every "why did this not update?" question: state changed somewhere the component was not told about.

                        Keep components small. A page that fetches data and passes it to a few presentational components is easier to test and to reason about than one large component that does everything.
                        """),
                    Workbook()),
                Module("Forms and state",
                    Text("Forms with EditForm", 12, """
                        `EditForm` binds inputs to a model and runs validation attributes such as `[Required]` and `[StringLength]` as the user types. Show messages with `ValidationMessage`, and always validate again on the server: the browser is a convenience, never a guarantee.
                        """),
                    Text("Where state lives", 12, """
                        Component fields live as long as the component. State that several pages share belongs in a scoped service; state that must survive a reload belongs in the URL or on the server. Putting a filter in the query string makes a page shareable for free.
                        """)),
                Module("Calling APIs and deploying",
                    Text("Typed HTTP clients", 13, """
                        Register one typed client per API area (`builder.Services.AddHttpClient<CatalogClient>()`) and inject it into components. Show a skeleton while loading, a clear message when the call fails, and an empty state when there is nothing to show: those three states are most of a good UI.
                        """),
                    Quiz("Check your understanding",
                        Choice("When does a component render again automatically?", "After an event handler it owns has run", "Every 100 milliseconds", "Only when the page reloads", "Whenever any other component changes"),
                        Choice("Where should state that must survive a page reload be kept?", "In the URL or on the server", "In a component field", "In a private static variable of the component", "In the render tree"),
                        FillIn("Which component binds inputs to a model and runs validation?", "EditForm"))),
            ]),

        new("Python for Everyone", "A gentle, practical introduction to programming with Python", "programming", Beginner, 0, Mei,
            """
            Python reads almost like English, which makes it a wonderful first language, and it is the language of data science, automation and much of the web. In this free course you write small, useful programs from the very first lesson: a tip calculator, a word counter, a script that tidies a folder of files.

            ## Who this course is for
            - Complete beginners of any age
            - Analysts and scientists who want to automate their everyday work
            """,
            ["Write and run Python programs in a terminal and in an editor",
             "Work with numbers, strings, lists and dictionaries",
             "Organise code into functions you can reuse",
             "Read and write files and handle errors gracefully"],
            ["No programming experience needed", "A computer where you can install Python 3"],
            [
                Module("Your first program",
                    Text("Hello, Python", 10, """
                        Install Python 3 from python.org (or your system's package manager) and open a terminal. Type `python3` and you are in the interactive interpreter: every line you type runs at once. Try `2 + 3`, then `print("Hello!")`, then `name = input("Your name? ")` followed by `print("Nice to meet you,", name)`.

                        The interpreter is perfect for experiments, but programs live in files. Create `tip.py` in any editor, write three lines that ask for a bill amount, compute a 15% tip and print it, and run it with `python3 tip.py`.

                        Do not worry about mistakes. Python's error messages tell you the line and usually the reason; reading them calmly is the most useful skill this course teaches.
                        """),
                    Workbook()),
                Module("Data types and functions",
                    Text("Strings, lists and dictionaries", 14, """
                        A string holds text, a list holds items in order and a dictionary maps keys to values. With just these three you can count words: split a text into a list with `text.split()`, then count each word in a dictionary with `counts[word] = counts.get(word, 0) + 1`.
                        """),
                    Text("Functions", 12, """
                        A function gives a name to a piece of work: `def tip(amount, percent=15): return amount * percent / 100`. Good functions do one thing, have a name that says what, and return a value instead of printing it, so the rest of your program can use the result.
                        """)),
                Module("Files and errors",
                    Text("Reading files safely", 12, """
                        `with open("notes.txt") as f:` opens a file and closes it for you, even when something goes wrong. Wrap risky steps in `try` and `except FileNotFoundError:` to tell the user what happened instead of crashing with a traceback.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does `len([3, 1, 4])` return?", "3", "4", "8", "An error"),
                        Choice("Which type maps keys to values?", "dict", "list", "tuple", "str"),
                        FillIn("Which keyword defines a function in Python?", "def"))),
            ]),

        new("Rust Systems Programming", "Ownership, borrowing and fearless concurrency in Rust", "programming", Advanced, 7999, Lukas,
            """
            Rust gives you the control of C and C++ without their memory bugs: the compiler proves that every reference is valid and that no two threads race on the same data. This course takes you through ownership, traits, error handling and concurrency by building a small, fast command-line log analyser.

            ## Who this course is for
            - Experienced developers who want to write fast, reliable system tools
            - C and C++ programmers who want the same control with stronger guarantees
            """,
            ["Explain ownership, borrowing and lifetimes and satisfy the borrow checker",
             "Design APIs with traits and generics",
             "Handle errors with Result and the ? operator",
             "Share work across threads safely with channels and Arc<Mutex<T>>"],
            ["Solid experience in at least one other programming language", "Rust installed with rustup"],
            [
                Module("Ownership and borrowing",
                    Text("Who owns this value?", 16, """
                        Every value in Rust has exactly one owner, and the value is dropped when its owner goes out of scope. Assigning a `String` to another variable moves it: the old name can no longer be used, so the memory can never be freed twice.

                        When you only need to look at a value, borrow it with `&`; when you need to change it, borrow it mutably with `&mut`. The rule the compiler enforces is simple to state: at any moment you may have many shared borrows or one mutable borrow, never both.

                        That rule is what makes data races impossible in safe Rust. Fighting the borrow checker usually means the design shares mutable state in a way that would have been a bug in another language too.
                        """),
                    Workbook()),
                Module("Traits and errors",
                    Text("Traits and generics", 14, """
                        A trait describes behaviour a type can have, like `Display` or `Iterator`. Generic functions such as `fn largest<T: PartialOrd>(items: &[T]) -> &T` work for any type that has the behaviour, and the compiler generates fast, specialised code for each one.
                        """),
                    Text("Result and the ? operator", 12, """
                        Rust has no exceptions. A function that can fail returns `Result<T, E>`, and `?` returns the error to the caller early. Libraries define precise error enums; applications often collect them with a crate such as `anyhow` and add context as the error travels up.
                        """)),
                Module("Concurrency",
                    Text("Fearless concurrency", 16, """
                        Spawn threads with `std::thread::spawn` and send results back over a channel. When threads must share state, wrap it in `Arc<Mutex<T>>`: `Arc` shares ownership across threads, `Mutex` makes sure only one of them changes the value at a time. Forget either and the program does not compile.
                        """),
                    Quiz("Check your understanding",
                        Choice("What happens to a String after `let b = a;`?", "It moves to b and a can no longer be used", "It is copied, so both can be used", "Both point to it and it is freed twice", "It is dropped immediately"),
                        Choice("How many mutable borrows of a value may exist at the same time?", "One", "Any number", "Two", "None, ever"),
                        FillIn("Which operator returns an error to the caller early?", "?"))),
            ]),

        new("Modern JavaScript Essentials", "Modern language features, modules and the DOM explained clearly", "programming", Beginner, 2999, Ada,
            """
            JavaScript runs in every browser and, with Node.js, on servers too. This course teaches the language as it is written today: `let` and `const`, arrow functions, destructuring, modules, promises and `async`/`await` — and how to make a page respond to the user with the DOM.

            ## Who this course is for
            - Beginners who know a little HTML and CSS
            - Developers who learned JavaScript years ago and want to catch up
            """,
            ["Use modern syntax: const and let, arrow functions, destructuring and spread",
             "Understand closures and how this works",
             "Write asynchronous code with promises and async/await",
             "Structure code with ES modules and update a page through the DOM"],
            ["Basic HTML and CSS", "A modern browser and a text editor"],
            [
                Module("Syntax refresher",
                    Text("const, let and arrow functions", 12, """
                        Declare values with `const` by default and with `let` only when you need to reassign them; `var` belongs to the past, because its function-wide scope surprises everyone sooner or later.

                        Arrow functions are a shorter way to write small functions: `const double = n => n * 2;`. They also keep the `this` of the surrounding code, which is exactly what you want in callbacks.

                        Destructuring pulls values out of objects and arrays by shape: `const { title, price } = course;` and `const [first, ...rest] = items;`. Together with the spread operator (`{ ...course, price: 0 }`) they make data handling short and clear.
                        """),
                    Workbook()),
                Module("Functions and async code",
                    Text("Closures", 12, """
                        A function remembers the variables around it when it was created. That is a closure, and it is how you keep private state: a `counter()` function can return an `increment` function that alone can reach the count.
                        """),
                    Text("Promises and async/await", 14, """
                        Network calls take time, so they return promises. `const response = await fetch("/api/courses");` waits without freezing the page. Wrap awaits in `try`/`catch` and show the user a message when something fails.
                        """)),
                Module("Modules and the DOM",
                    Text("Working with the DOM", 14, """
                        `document.querySelector` finds an element, `addEventListener` reacts to clicks and key presses, and setting `textContent` updates what the user sees. Split your code into modules with `export` and `import`, and load the entry point with `<script type="module">`.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which declaration should you use by default?", "const", "var", "let", "function"),
                        Choice("What does `await fetch(url)` give you?", "A Response once the server has answered", "The parsed JSON body", "A string of HTML", "Nothing until the page reloads"),
                        FillIn("Which keyword makes a function or value available to other modules?", "export"))),
            ]),

        new("TypeScript for Large Codebases", "Types that scale: generics, narrowing and project setup", "programming", Intermediate, 4999, Ada,
            """
            TypeScript adds a type system to JavaScript that catches mistakes as you type and makes large codebases safe to change. This course covers the types you need every day, generics, narrowing with unions, strict project settings, and a step-by-step plan for migrating an existing JavaScript project.

            ## Who this course is for
            - JavaScript developers working on growing applications
            - Teams planning a migration from JavaScript
            """,
            ["Describe data with interfaces, type aliases and union types",
             "Write reusable generic functions and components",
             "Narrow unions safely with type guards and discriminated unions",
             "Configure strict projects and migrate JavaScript incrementally"],
            ["Good working knowledge of JavaScript", "Node.js installed"],
            [
                Module("Type system basics",
                    Text("Types describe shapes", 14, """
                        TypeScript's types are structural: an object fits a type when it has the right properties, whatever it was created as. `interface Course { title: string; price: number }` accepts any object with those two properties.

                        Most of the time you do not write types at all; TypeScript infers them from values. Write them at the boundaries — function parameters, return types of exported functions, data that arrives from the network — and let inference do the rest.

                        Turn on `"strict": true` from the first day. It makes `null` and `undefined` explicit, which removes the single largest class of runtime errors in JavaScript programs.
                        """),
                    Workbook()),
                Module("Generics and narrowing",
                    Text("Generics", 12, """
                        A generic function keeps the relationship between its input and output: `function first<T>(items: T[]): T | undefined`. Call it with an array of courses and the compiler knows you get a course back, not just "something".
                        """),
                    Text("Narrowing unions", 14, """
                        Give each case of a union a literal `kind` field and `switch` on it: inside each branch TypeScript knows exactly which case you have. Add a `never` check in the default branch and the compiler tells you when someone adds a case you do not handle yet.
                        """)),
                Module("Projects and migration",
                    Text("Migrating from JavaScript", 14, """
                        Rename one file at a time from `.js` to `.ts`, starting with the modules that have no dependencies. Allow JavaScript in the build with `allowJs`, fix the errors in each converted file, and only then tighten the settings. A migration that ships every week beats a big rewrite that never lands.
                        """),
                    Quiz("Check your understanding",
                        Choice("When does an object fit an interface in TypeScript?", "When it has the properties the interface requires", "Only when it was created with new", "Only when it declares implements", "Never without a cast"),
                        Choice("Which setting makes null and undefined explicit?", "strict", "allowJs", "noEmit", "esModuleInterop"),
                        FillIn("Which type is left in a switch's default branch when every case of a union is handled?", "never"))),
            ]),

        new("Algorithms and Data Structures Bootcamp", "Master the classics and reason about performance", "programming", Intermediate, 8999, Ada,
            """
            Knowing a handful of data structures and algorithms well changes how you write everyday code: you recognise when a list should have been a set, or when a nested loop will not survive real data. This course covers complexity, hashing, trees, graphs and dynamic programming with clear diagrams and code in C#.

            ## Who this course is for
            - Developers preparing for technical interviews
            - Self-taught programmers who want the computer-science foundations
            """,
            ["Estimate the time and memory an algorithm needs with big-O notation",
             "Choose between arrays, hash sets, heaps and trees for a task",
             "Traverse graphs with breadth-first and depth-first search",
             "Solve optimisation problems with dynamic programming"],
            ["Comfortable writing loops and functions in any language"],
            [
                Module("Complexity",
                    Text("Why big-O matters", 14, """
                        Big-O notation describes how the work an algorithm does grows with its input. Looking up a key in a hash set is O(1): it takes about the same time for ten items or ten million. Scanning a list is O(n). Comparing every item with every other is O(n²), and that is the one that turns a fast test into a production outage.

                        You rarely need a formal proof. Count the loops: one loop over the input is linear, a loop inside a loop over the same input is quadratic, and halving the problem at each step, as binary search does, is logarithmic.

                        Memory counts too. An algorithm that builds a copy of its input uses O(n) extra space; sometimes that is the right trade for speed, but make the choice on purpose.
                        """),
                    Workbook()),
                Module("Hashing and trees",
                    Text("Hash sets and dictionaries", 12, """
                        A hash set answers "have I seen this before?" in constant time, and that single idea solves many classic problems: finding duplicates, checking whether two numbers add up to a target, counting frequencies.
                        """),
                    Text("Trees and heaps", 14, """
                        A balanced binary search tree keeps items sorted and finds, inserts and removes in O(log n). A heap only promises quick access to the smallest (or largest) item, which is exactly what a priority queue or a "top ten" needs.
                        """)),
                Module("Graphs and dynamic programming",
                    Text("Breadth-first search", 15, """
                        Breadth-first search explores a graph level by level with a queue, and therefore finds the shortest path in an unweighted graph. Depth-first search goes as deep as it can with a stack (or recursion) and is the tool for detecting cycles and ordering dependencies.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is the typical cost of looking up a key in a hash set?", "O(1)", "O(n)", "O(log n)", "O(n²)"),
                        Choice("Which search finds the shortest path in an unweighted graph?", "Breadth-first search", "Depth-first search", "Binary search", "Linear search"),
                        Multiple("Which of these run in O(log n)?", ["Binary search in a sorted array", "Inserting into a balanced search tree"], ["Finding the maximum of an unsorted list", "Comparing every pair of items"]))),
            ]),

        new("Go for Backend Engineers", "Build concurrent network services with Go", "programming", Intermediate, 5499, Lukas,
            """
            Go was designed for building network services: it compiles to a single binary, starts in milliseconds and makes concurrency part of the language. In this course you build an HTTP service with a PostgreSQL database, tests and profiling, the way Go teams do it in production.

            ## Who this course is for
            - Backend developers coming from Java, C#, Python or Node.js
            - Engineers who maintain infrastructure tools written in Go
            """,
            ["Write idiomatic Go with structs, interfaces and explicit errors",
             "Run work concurrently with goroutines, channels and contexts",
             "Build HTTP services with the standard library",
             "Test, benchmark and profile Go code"],
            ["Experience in another programming language", "Go installed"],
            [
                Module("Go basics",
                    Text("Small language, strong conventions", 13, """
                        Go has few features on purpose. There are no classes, only structs with methods; no exceptions, only errors returned as values; no inheritance, only small interfaces that types satisfy implicitly.

                        That simplicity is the point: any Go code base looks familiar after a day, because `gofmt` formats everything the same way and the standard library sets the style. An error is checked where it happens — `if err != nil { return fmt.Errorf("loading config: %w", err) }` — and wrapped with context as it travels up.

                        Start every project with `go mod init`, keep packages small and named for what they provide, and let `go vet` and the tests run on every save.
                        """),
                    Workbook()),
                Module("Concurrency",
                    Text("Goroutines and channels", 14, """
                        `go handle(conn)` starts a goroutine, a function running concurrently at the cost of a few kilobytes of memory. Channels pass values between goroutines; the Go proverb says "do not communicate by sharing memory; share memory by communicating".
                        """),
                    Text("Contexts and cancellation", 12, """
                        Every request handler receives a `context.Context`. Pass it to every call that may block — database queries, outgoing HTTP requests — so that when the client goes away, all the work done on its behalf stops too.
                        """)),
                Module("Services and testing",
                    Text("HTTP with the standard library", 14, """
                        Since Go 1.22, `http.NewServeMux` understands methods and path patterns such as `GET /books/{id}`, so most services need no framework at all. Table-driven tests with `httptest.NewRecorder` check each handler quickly, and `go test -bench` with `pprof` shows where the time goes.
                        """),
                    Quiz("Check your understanding",
                        Choice("How does Go report that a function failed?", "It returns an error value", "It throws an exception", "It sets a global errno", "It panics every time"),
                        Choice("What should a handler pass to database calls so they stop when the client disconnects?", "The request's context", "A new goroutine", "A channel of errors", "A global timeout"),
                        FillIn("Which keyword starts a goroutine?", "go"))),
            ]),
    ];
}
