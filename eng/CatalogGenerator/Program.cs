using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

// Catalog generator: loads N realistic, varied courses (with modules and lessons) into the CourseHub
// database using PostgreSQL binary COPY, then bumps the catalog cache version so running Api
// replicas see them at once.
//
//   dotnet run --project eng/CatalogGenerator -- --connection "Host=...;Database=coursehub" [--count 50000] [--redis host:port] [--seed 42] [--draft-percent 5]
//
// Without --connection it reads ConnectionStrings__coursehub (Aspire's name) from the environment.
// The schema must exist (start the Api once: it applies the migrations). Courses get slugs
// "gen-<run>-<n>", so repeated runs add to, and never collide with, earlier ones.

var options = ParseArgs(args);
var connectionString = options.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__coursehub")
    ?? throw new ArgumentException("Pass --connection \"Host=…;Database=coursehub;…\" or set ConnectionStrings__coursehub.");
var count = int.Parse(options.GetValueOrDefault("count") ?? "50000", CultureInfo.InvariantCulture);
var random = new Random(int.Parse(options.GetValueOrDefault("seed") ?? "42", CultureInfo.InvariantCulture));
var draftPercent = int.Parse(options.GetValueOrDefault("draft-percent") ?? "5", CultureInfo.InvariantCulture);
var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);

var clock = Stopwatch.StartNew();
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using var connection = await dataSource.OpenConnectionAsync();

var categoryIds = new List<int>();
await using (var command = new NpgsqlCommand("SELECT id FROM categories ORDER BY sort_order", connection))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        categoryIds.Add(reader.GetInt32(0));
    }
}
if (categoryIds.Count == 0)
{
    throw new InvalidOperationException("No categories: start the Api once so it applies the migrations.");
}

var teachers = Enumerable.Range(0, Math.Max(20, count / 60))
    .Select(_ => (Id: Guid.NewGuid(), Name: $"{Words.FirstNames[random.Next(Words.FirstNames.Length)]} {Words.LastNames[random.Next(Words.LastNames.Length)]}"))
    .ToArray();
// Every course belongs to a teacher account (foreign key): the teachers are users without sign-in.
await using (var writer = await connection.BeginBinaryImportAsync("""
    COPY users (id, display_name, time_zone, created_at, security_stamp, email_confirmed, phone_number_confirmed,
                two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)
    """))
{
    foreach (var teacher in teachers)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(teacher.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(teacher.Name, NpgsqlDbType.Varchar);
        await writer.WriteAsync("UTC", NpgsqlDbType.Varchar);
        await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text);
        await writer.WriteAsync(false, NpgsqlDbType.Boolean);
        await writer.WriteAsync(false, NpgsqlDbType.Boolean);
        await writer.WriteAsync(false, NpgsqlDbType.Boolean);
        await writer.WriteAsync(true, NpgsqlDbType.Boolean);
        await writer.WriteAsync(0, NpgsqlDbType.Integer);
    }
    await writer.CompleteAsync();
}

string[] levels = ["Beginner", "Intermediate", "Advanced", "All"];
string[] languages = ["en", "en", "en", "en", "en", "es", "de", "fr", "pt", "ja"];
long[] prices = [0, 0, 999, 1499, 1999, 2499, 2999, 3999, 4999, 5999, 7999, 9999, 12999, 19999];
var now = DateTimeOffset.UtcNow;

var courseIds = new Guid[count];
var courseTopics = new string[count];
await using (var writer = await connection.BeginBinaryImportAsync("""
    COPY courses (id, title, subtitle, slug, description, category_id, level, language, price_minor, currency,
                  learning_outcomes, requirements, status, teacher_id, teacher_name, rating_average, rating_count,
                  enrollment_count, created_at, updated_at, published_at) FROM STDIN (FORMAT BINARY)
    """))
{
    for (var i = 0; i < count; i++)
    {
        var topic = Words.Topics[random.Next(Words.Topics.Length)];
        var second = Words.Topics[random.Next(Words.Topics.Length)];
        var audience = Words.Audiences[random.Next(Words.Audiences.Length)];
        var title = string.Format(CultureInfo.InvariantCulture, Words.TitlePatterns[random.Next(Words.TitlePatterns.Length)], topic, audience, second);
        var subtitle = string.Format(CultureInfo.InvariantCulture, Words.SubtitlePatterns[random.Next(Words.SubtitlePatterns.Length)], topic.ToLowerInvariant(), audience, second.ToLowerInvariant());
        var teacher = teachers[random.Next(teachers.Length)];
        var level = levels[random.Next(levels.Length)];
        var published = now.AddDays(-random.Next(1, 1500)).AddMinutes(-random.Next(1440));
        var isDraft = random.Next(100) < draftPercent;
        courseIds[i] = Guid.NewGuid();
        courseTopics[i] = topic;

        await writer.StartRowAsync();
        await writer.WriteAsync(courseIds[i], NpgsqlDbType.Uuid);
        await writer.WriteAsync(title, NpgsqlDbType.Varchar);
        await writer.WriteAsync(subtitle, NpgsqlDbType.Varchar);
        await writer.WriteAsync($"gen-{run}-{i}", NpgsqlDbType.Varchar);
        await writer.WriteAsync(Description(random, topic, second, audience), NpgsqlDbType.Varchar);
        await writer.WriteAsync(categoryIds[random.Next(categoryIds.Count)], NpgsqlDbType.Integer);
        await writer.WriteAsync(level, NpgsqlDbType.Varchar);
        await writer.WriteAsync(languages[random.Next(languages.Length)], NpgsqlDbType.Varchar);
        await writer.WriteAsync(prices[random.Next(prices.Length)], NpgsqlDbType.Bigint);
        await writer.WriteAsync("USD", NpgsqlDbType.Char);
        await writer.WriteAsync(new[] { $"Understand {topic.ToLowerInvariant()} from first principles", $"Use {second.ToLowerInvariant()} in real projects", $"Avoid the common mistakes {audience} make" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await writer.WriteAsync(level == "Beginner" ? new[] { "No prior experience needed" } : new[] { $"Basic {topic.ToLowerInvariant()} knowledge" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await writer.WriteAsync(isDraft ? "Draft" : "Published", NpgsqlDbType.Varchar);
        await writer.WriteAsync(teacher.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(teacher.Name, NpgsqlDbType.Varchar);
        await writer.WriteAsync(Math.Round(2.5m + (decimal)random.NextDouble() * 2.5m, 2), NpgsqlDbType.Numeric);
        await writer.WriteAsync(random.Next(0, 5000), NpgsqlDbType.Integer);
        await writer.WriteAsync((int)Math.Pow(10, random.NextDouble() * 5), NpgsqlDbType.Integer);
        await writer.WriteAsync(published.AddDays(-30), NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(published.AddDays(random.Next(0, 30)), NpgsqlDbType.TimestampTz);
        if (isDraft)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(published, NpgsqlDbType.TimestampTz);
        }
    }
    await writer.CompleteAsync();
}
Console.WriteLine($"courses: {count} in {clock.Elapsed.TotalSeconds:0.0}s");

const int ModulesPerCourse = 3;
const int LessonsPerModule = 3;
var moduleIds = new Guid[count * ModulesPerCourse];
await using (var writer = await connection.BeginBinaryImportAsync("COPY course_modules (id, course_id, position, title) FROM STDIN (FORMAT BINARY)"))
{
    for (var i = 0; i < count; i++)
    {
        for (var m = 0; m < ModulesPerCourse; m++)
        {
            var id = moduleIds[i * ModulesPerCourse + m] = Guid.NewGuid();
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(courseIds[i], NpgsqlDbType.Uuid);
            await writer.WriteAsync(m, NpgsqlDbType.Integer);
            await writer.WriteAsync($"{Words.ModuleNames[m % Words.ModuleNames.Length]}: {courseTopics[i]}", NpgsqlDbType.Varchar);
        }
    }
    await writer.CompleteAsync();
}
string[] lessonTypes = ["Video", "Video", "Text", "Quiz", "Download"];
await using (var writer = await connection.BeginBinaryImportAsync("COPY lessons (id, module_id, position, title, type, duration_seconds, is_free_preview) FROM STDIN (FORMAT BINARY)"))
{
    for (var m = 0; m < moduleIds.Length; m++)
    {
        for (var l = 0; l < LessonsPerModule; l++)
        {
            var type = lessonTypes[random.Next(lessonTypes.Length)];
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(moduleIds[m], NpgsqlDbType.Uuid);
            await writer.WriteAsync(l, NpgsqlDbType.Integer);
            await writer.WriteAsync($"{Words.LessonVerbs[random.Next(Words.LessonVerbs.Length)]} {courseTopics[m / ModulesPerCourse].ToLowerInvariant()} ({l + 1})", NpgsqlDbType.Varchar);
            await writer.WriteAsync(type, NpgsqlDbType.Varchar);
            await writer.WriteAsync(type == "Video" ? random.Next(120, 1800) : random.Next(60, 900), NpgsqlDbType.Integer);
            await writer.WriteAsync(m % ModulesPerCourse == 0 && l == 0, NpgsqlDbType.Boolean);
        }
    }
    await writer.CompleteAsync();
}
Console.WriteLine($"modules: {moduleIds.Length}, lessons: {moduleIds.Length * LessonsPerModule}; total {clock.Elapsed.TotalSeconds:0.0}s");

// Fresh rows: set hint bits and the visibility map and refresh statistics now, rather than letting
// the first readers (and autovacuum, in the middle of a benchmark) do it.
await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) courses, course_modules, lessons, catalog_words", connection) { CommandTimeout = 600 })
{
    await vacuum.ExecuteNonQueryAsync();
}
Console.WriteLine($"vacuumed and analyzed; {clock.Elapsed.TotalSeconds:0.0}s");

if (options.GetValueOrDefault("redis") is { } redisConnection)
{
    // The Api's catalog cache keys carry this version (CatalogVersion in CourseHub.Api): bump and announce it.
    await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
    var version = (long)await redis.GetDatabase().ScriptEvaluateAsync(
        "if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end return redis.call('INCR', KEYS[1])",
        ["coursehub:catalog:version"], [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()]);
    await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("coursehub:catalog:changed"), version);
    Console.WriteLine($"catalog cache version bumped to {version}");
}
Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0.0}s");

static string Description(Random random, string topic, string second, string audience)
{
    var sentences = Enumerable.Range(0, 4 + random.Next(4))
        .Select(_ => string.Format(CultureInfo.InvariantCulture, Words.Sentences[random.Next(Words.Sentences.Length)], topic.ToLowerInvariant(), second.ToLowerInvariant(), audience));
    return string.Join(' ', sentences);
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
        {
            result[args[i][2..]] = args[++i];
        }
    }
    return result;
}

internal static class Words
{
    public static readonly string[] Topics =
    [
        "Python", "JavaScript", "TypeScript", "C#", "Java", "Kotlin", "Swift", "Go", "Rust", "SQL", "PostgreSQL", "MongoDB", "Redis",
        "Docker", "Kubernetes", "Terraform", "Azure", "AWS", "Google Cloud", "Linux", "Git", "React", "Angular", "Vue", "Blazor",
        "ASP.NET Core", "Django", "Flask", "Spring Boot", "Node.js", "GraphQL", "REST APIs", "Microservices", "Machine Learning",
        "Deep Learning", "Data Analysis", "Statistics", "Excel", "Power BI", "Tableau", "Pandas", "NumPy", "TensorFlow", "PyTorch",
        "Computer Vision", "Natural Language Processing", "Cybersecurity", "Ethical Hacking", "Networking", "Cryptography",
        "Unity", "Unreal Engine", "Game Design", "3D Modeling", "Blender", "Photoshop", "Illustrator", "Figma", "UX Research",
        "UI Design", "Typography", "Color Theory", "Photography", "Video Editing", "Premiere Pro", "After Effects", "Drawing",
        "Watercolor", "Guitar", "Piano", "Singing", "Music Theory", "Songwriting", "Ableton Live", "Mixing", "Public Speaking",
        "Leadership", "Negotiation", "Project Management", "Agile", "Scrum", "Product Management", "Marketing", "SEO",
        "Copywriting", "Social Media", "Email Marketing", "Sales", "Entrepreneurship", "Accounting", "Personal Finance",
        "Investing", "Stock Trading", "Cryptocurrency", "Economics", "Spanish", "French", "German", "Japanese", "Mandarin",
        "Italian", "English Grammar", "Writing", "Creative Writing", "Yoga", "Pilates", "Nutrition", "Meditation", "Running",
        "Strength Training", "Cooking", "Baking", "Gardening", "Calculus", "Algebra", "Linear Algebra", "Physics", "Chemistry",
        "Biology", "Astronomy", "Psychology", "Philosophy", "History", "Art History", "Architecture", "Interior Design",
        "Fashion Design", "Woodworking", "Electronics", "Arduino", "Raspberry Pi", "Robotics", "Blockchain", "Quantum Computing",
    ];

    public static readonly string[] Audiences =
    [
        "beginners", "developers", "designers", "managers", "students", "data analysts", "small business owners", "teachers",
        "freelancers", "engineers", "career changers", "creatives", "founders", "professionals", "hobbyists", "kids and parents",
    ];

    public static readonly string[] TitlePatterns =
    [
        "{0} for {1}", "The Complete {0} Course", "{0} Masterclass", "Practical {0}", "{0} in 30 Days", "Mastering {0}",
        "{0} from Scratch", "Hands-on {0} with {2}", "Advanced {0} Techniques", "{0} Fundamentals", "{0} and {2} Bootcamp",
        "Learn {0} by Building Projects", "{0}: The Essential Guide", "Modern {0}", "{0} Made Simple",
    ];

    public static readonly string[] SubtitlePatterns =
    [
        "Everything {1} need to get productive with {0}", "Go from zero to confident with {0} and {2}",
        "Real projects, clear explanations and lots of practice in {0}", "A practical path through {0} for {1}",
        "Build a portfolio with {0} and {2}", "The shortest route to real-world {0} skills",
    ];

    public static readonly string[] Sentences =
    [
        "This course teaches {0} step by step, with short lessons and practical exercises.",
        "You will combine {0} with {1} to solve realistic problems {2} face every day.",
        "Each section ends with a project that you can add to your portfolio.",
        "We start from the basics of {0} and move on to patterns used by professionals.",
        "Designed for {2}, it assumes no more than curiosity and a willingness to practise.",
        "Quizzes after every module help you check your understanding of {0}.",
        "By the end you will be comfortable reading, writing and explaining {0}.",
        "Along the way you will pick up useful habits around {1}.",
        "Downloadable cheat sheets summarise the key ideas of {0}.",
    ];

    public static readonly string[] ModuleNames = ["Getting started", "Core concepts", "Putting it into practice", "Going further"];
    public static readonly string[] LessonVerbs = ["Introducing", "Exploring", "Practising", "Understanding", "Building with", "Debugging", "Reviewing"];

    public static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Katherine", "Tim", "Hedy", "Guido", "Anders",
        "Sofia", "Mateo", "Yuki", "Priya", "Omar", "Fatima", "Chen", "Lena", "Jonas", "Amara", "Diego", "Ingrid", "Kwame",
        "Mei", "Ravi", "Elena", "Lucas", "Nadia", "Hugo", "Aisha", "Tomás", "Freya", "Kenji", "Zara", "Malik", "Olga", "Pedro",
    ];

    public static readonly string[] LastNames =
    [
        "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Johnson", "Berners-Lee",
        "Lamarr", "van Rossum", "Hejlsberg", "Martínez", "García", "Tanaka", "Raman", "Haddad", "Khan", "Wei", "Schmidt",
        "Lindqvist", "Okafor", "Fernández", "Nilsen", "Mensah", "Zhang", "Patel", "Popescu", "Moreau", "Novak", "Dubois",
        "Ali", "Costa", "Larsen", "Sato", "Hussain", "Ibrahim", "Petrova", "Silva",
    ];
}
