using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using CourseHub.Api.Infrastructure;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// Seeds the demo platform's catalog on start-up when <c>Seed:Demo</c> is true (the default in
/// Development): published courses with curricula from several teachers. Idempotent — ids are
/// derived from slugs and existing courses are left alone — and safe with several replicas
/// (a PostgreSQL advisory lock). Runs after the migration hosted service. It writes only the demo data; mending
/// old data is a migration's job (see RepairEarlyDemoData), done once per database instead of at every start.
/// </summary>
public sealed class DemoCatalogSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, ILogger<DemoCatalogSeeder> logger) : IHostedService
{
    private const long SeedLockKey = 0x53_65_65_64_44_65_6D; // "SeedDem"

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Seed:Demo", environment.IsDevelopment());

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled(configuration, environment))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        var added = await SeedAsync(db, configuration["Seed:DemoPassword"], cancellationToken);
        await UploadWorkbooksAsync(db, scope.ServiceProvider.GetRequiredService<BlobServiceClient>(), cancellationToken);
        if (added > 0)
        {
            await scope.ServiceProvider.GetRequiredService<CatalogVersion>().InvalidateAsync();
            logger.LogInformation("Demo catalog seeded: {Count} courses", added);
        }
        // Who can sign in, every start: the demo accounts exist either way, but sign in only with a demo password.
        logger.LogInformation(string.IsNullOrEmpty(configuration["Seed:DemoPassword"])
            ? "Demo accounts are profiles only: no Seed:DemoPassword is configured"
            : "Demo accounts sign in with the demo password the AppHost printed: {Accounts}",
            string.Join(", ", DemoAccounts.People.Where(p => p.Role != Domain.Identity.Roles.Teacher || p == DemoAccounts.People[0]).Select(p => $"{p.Email} ({p.Role.ToLowerInvariant()})")));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Puts each demo course's workbook PDF where its download lesson points. The lesson's size is set once its file is
    /// stored, so later starts find nothing to do without asking blob storage. Without blob storage the demo still
    /// works; the download then fails to open (and is tried again at the next start).
    /// </summary>
    private async Task UploadWorkbooksAsync(CourseHubDbContext db, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var workbooks = await db.Courses
            .SelectMany(c => c.Modules.SelectMany(m => m.Lessons).Where(l => l.DownloadSizeBytes == 0 && l.DownloadBlobName != null && l.DownloadBlobName.EndsWith("/demo-workbook"))
                .Select(l => new { l.Id, l.DownloadBlobName, c.Title }))
            .ToListAsync(cancellationToken);
        try
        {
            var container = blobs.GetBlobContainerClient(Teaching.CourseMediaCleanup.Container);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            foreach (var workbook in workbooks)
            {
                // Overwriting is harmless (same bytes), and covers a replica that stored the file but stopped before the size.
                var pdf = DemoWorkbook.Pdf(workbook.Title);
                await container.GetBlobClient(workbook.DownloadBlobName).UploadAsync(new BinaryData(pdf),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" } }, cancellationToken);
                await db.Lessons.Where(l => l.Id == workbook.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.DownloadSizeBytes, pdf.Length), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning(ex, "The demo workbooks could not be uploaded to blob storage");
        }
    }

    public static async Task<int> SeedAsync(CourseHubDbContext db, string? demoPassword, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancellationToken);
            await DemoAccounts.EnsureAsync(db, demoPassword, cancellationToken);
            var existing = (await db.Courses.Select(c => c.Slug).ToListAsync(cancellationToken)).ToHashSet();
            var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
            var courses = DemoCatalog.Courses(categories).Where(c => !existing.Contains(c.Slug)).ToList();
            db.Courses.AddRange(courses);
            await db.SaveChangesAsync(cancellationToken);
            return courses.Count;
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>The demo catalog: hand-written course facts, with curricula filled in from each course's module list.</summary>
public static class DemoCatalog
{
    public sealed record DemoTeacher(Guid Id, string Name, string Bio);

    public static readonly DemoTeacher[] Teachers =
    [
        new(StableGuid("teacher:ada-okafor"), "Ada Okafor", "Software engineer for fifteen years, now teaching the craft full time. Loves clean code and fast tests."),
        new(StableGuid("teacher:lukas-brenner"), "Lukas Brenner", "Cloud architect who has run production systems at scale; teaches DevOps the way it is practised."),
        new(StableGuid("teacher:mei-tanaka"), "Mei Tanaka", "Data scientist and former university lecturer; makes statistics and machine learning approachable."),
        new(StableGuid("teacher:sofia-marquez"), "Sofía Márquez", "Product designer and illustrator; teaches design that works for real people."),
        new(StableGuid("teacher:daniel-wright"), "Daniel Wright", "Founder of two companies; teaches business, finance and marketing from first-hand experience."),
        new(StableGuid("teacher:priya-raman"), "Priya Raman", "Coach and language teacher; helps learners build habits that last."),
        new(StableGuid("teacher:jonas-lindqvist"), "Jonas Lindqvist", "Musician, photographer and producer; teaches creative skills step by step."),
    ];

    // title | subtitle | category | level | price (cents, 0 = free) | teacher | language | modules (;-separated)
    private static readonly string[] Rows =
    [
        "C# from Zero to Confident|Learn modern C# 13 and .NET by building real console and web apps|programming|beginner|4999|1|en|Getting started with .NET;Types, variables and control flow;Classes, records and interfaces;Collections and LINQ;Async and await",
        "ASP.NET Core Minimal APIs in Depth|Design, secure and test fast HTTP APIs with minimal APIs|programming|intermediate|6999|1|en|Routing and endpoints;Validation and ProblemDetails;Authentication with JWT;Testing APIs;Performance",
        "Blazor for Web Developers|Interactive web UIs in C# with Blazor Server and WebAssembly|programming|intermediate|5999|1|en|Components and rendering;Forms and validation;State and routing;Calling APIs;Deploying Blazor",
        "Python for Everyone|A gentle, practical introduction to programming with Python|programming|beginner|0|5|en|Your first program;Data types and strings;Functions;Files and errors;A small project",
        "Rust Systems Programming|Ownership, borrowing and fearless concurrency in Rust|programming|advanced|7999|6|en|Ownership and borrowing;Traits and generics;Error handling;Concurrency;Unsafe Rust",
        "Modern JavaScript Essentials|ES2024 features, modules and the DOM explained clearly|programming|beginner|2999|2|en|Syntax refresher;Functions and closures;Promises and async;Modules;Working with the DOM",
        "TypeScript for Large Codebases|Types that scale: generics, narrowing and project setup|programming|intermediate|4999|2|en|Type system basics;Generics;Narrowing and unions;Configuring projects;Migrating from JavaScript",
        "Algorithms and Data Structures Bootcamp|Master the classics and ace the coding interview|programming|intermediate|8999|6|en|Complexity;Arrays and hashing;Trees and graphs;Dynamic programming;Interview practice",
        "Go for Backend Engineers|Build concurrent network services with Go|programming|intermediate|5499|6|en|Go basics;Goroutines and channels;HTTP servers;Databases;Testing and profiling",
        "Introduction to Machine Learning|From linear regression to neural networks, with scikit-learn|data-science|beginner|6999|5|en|What is machine learning;Regression;Classification;Model evaluation;Neural networks",
        "SQL for Data Analysis|Query, join and aggregate your way to insights with PostgreSQL|data-science|beginner|0|4|en|SELECT basics;Filtering and sorting;Joins;Aggregation;Window functions",
        "Deep Learning with PyTorch|Train convolutional and transformer models from scratch|data-science|advanced|9999|5|en|Tensors and autograd;Training loops;Convolutional networks;Transformers;Deployment",
        "Statistics for Data Scientists|Probability, inference and experiments without the fear|data-science|intermediate|4999|4|en|Descriptive statistics;Probability;Hypothesis testing;Regression;A/B testing",
        "Data Engineering Pipelines|Batch and streaming pipelines with Airflow and Kafka|data-science|advanced|8999|6|en|Pipeline design;Airflow;Kafka streams;Data quality;Warehousing",
        "Kubernetes for Developers|Deploy, scale and debug your apps on Kubernetes|cloud-devops|intermediate|7499|6|en|Containers recap;Pods and deployments;Services and ingress;Configuration and secrets;Troubleshooting",
        "Docker Fundamentals|Containers explained: images, volumes and compose|cloud-devops|beginner|0|6|en|Why containers;Images and Dockerfiles;Volumes and networks;Docker Compose;Best practices",
        "Azure Container Apps in Production|Ship .NET microservices to Azure with azd and Bicep|cloud-devops|advanced|8499|1|en|Architecture;Bicep basics;Deploying with azd;Scaling and observability;Security",
        "CI/CD with GitHub Actions|Automate build, test and deployment pipelines|cloud-devops|intermediate|3999|2|en|Workflow syntax;Testing in CI;Artifacts and caching;Deployments;Reusable workflows",
        "Terraform Infrastructure as Code|Provision cloud infrastructure reliably and repeatably|cloud-devops|intermediate|5999|6|en|HCL basics;State;Modules;Workspaces;Testing infrastructure",
        "Startup Finance Fundamentals|Cash flow, unit economics and fundraising for founders|business|beginner|3999|4|en|Financial statements;Unit economics;Budgeting;Fundraising;Board reporting",
        "Leading Remote Teams|Trust, rituals and communication for distributed teams|business|all|2999|3|en|Remote foundations;Communication;Rituals and meetings;Performance;Culture",
        "Project Management with Scrum|Plan, run and improve sprints that deliver|business|beginner|0|3|en|Agile values;Scrum roles;Sprint planning;Reviews and retrospectives;Scaling Scrum",
        "Negotiation Masterclass|Prepare, anchor and close deals with confidence|business|intermediate|4999|5|en|Preparation;Anchoring;Handling objections;Closing;Difficult negotiations",
        "UX Design Foundations|Research, wireframes and usability testing for beginners|design|beginner|4499|3|en|User research;Personas and journeys;Wireframing;Prototyping;Usability testing",
        "Figma UI Design Systems|Build scalable component libraries in Figma|design|intermediate|5499|3|en|Figma basics;Auto layout;Components and variants;Design tokens;Handoff",
        "Typography for Screens|Choose, pair and set type that reads beautifully|design|all|1999|3|en|Anatomy of type;Pairing fonts;Hierarchy;Responsive type;Accessibility",
        "Digital Illustration with Procreate|Sketch, ink and colour expressive illustrations on iPad|design|beginner|3499|4|es|Brushes and canvas;Sketching;Inking;Colour and light;Finishing",
        "SEO That Actually Works|Technical SEO, content and links for sustainable traffic|marketing|intermediate|3999|2|en|How search works;Technical SEO;Keyword research;Content;Link building",
        "Content Marketing Playbook|Plan, write and distribute content that converts|marketing|beginner|0|4|en|Strategy;Audience research;Writing;Distribution;Measuring results",
        "Email Marketing Automation|Segments, sequences and deliverability done right|marketing|intermediate|2999|2|en|List building;Segmentation;Sequences;Deliverability;Analytics",
        "Public Speaking Without Fear|Structure talks and deliver them with presence|personal-development|all|2499|5|en|Overcoming nerves;Structuring a talk;Storytelling;Voice and body;Handling questions",
        "Deep Work and Focus|Productivity habits for knowledge workers|personal-development|beginner|0|7|en|Why focus matters;Planning your week;Deep work rituals;Managing distraction;Sustaining habits",
        "Spanish for Travellers|Everyday Spanish conversations for your next trip|languages|beginner|1999|4|es|Greetings;Ordering food;Directions;Shopping;Emergencies",
        "Japanese Hiragana and Katakana|Read and write both Japanese syllabaries in four weeks|languages|beginner|2499|3|en|Hiragana basics;Hiragana practice;Katakana basics;Katakana practice;Reading practice",
        "Business German|Meetings, emails and presentations in German|languages|intermediate|3999|7|de|Introductions;Emails;Meetings;Presentations;Negotiations",
        "Guitar for Absolute Beginners|Chords, strumming and your first songs|music|beginner|2999|7|en|Holding the guitar;First chords;Strumming patterns;Changing chords;Your first songs",
        "Music Production in Ableton Live|Compose, mix and master electronic music|music|intermediate|6499|7|en|Ableton basics;Beats and rhythm;Synthesis;Mixing;Mastering",
        "Smartphone Photography|Take stunning photos with the phone in your pocket|photography|all|0|3|en|Composition;Light;Portraits;Editing apps;Sharing your work",
        "Lightroom Photo Editing|A complete workflow from import to export|photography|intermediate|3999|3|en|Organising;Basic adjustments;Colour grading;Local adjustments;Exporting",
        "Strength Training Basics|Safe, effective full-body workouts for beginners|health-fitness|beginner|1999|5|en|Principles;Squat and deadlift;Push and pull;Programming;Recovery",
        "Linear Algebra for Machine Learning|Vectors, matrices and decompositions with intuition|science-math|intermediate|4999|5|en|Vectors;Matrices;Linear maps;Eigenvalues;SVD and PCA",
        "Astronomy: The Night Sky|Planets, stars and galaxies for curious minds|science-math|beginner|0|7|fr|The sky above us;The solar system;Stars;Galaxies;Cosmology",
    ];

    public static IEnumerable<Course> Courses(IReadOnlyDictionary<string, int> categoryIds)
    {
        var baseDate = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Rows.Length; i++)
        {
            var f = Rows[i].Split('|');
            var slug = Slugs.FromTitle(f[0]);
            var teacher = Teachers[int.Parse(f[5]) - 1];
            var price = long.Parse(f[4]);
            var published = baseDate.AddDays(i * 7 % 300).AddHours(i);
            var modules = f[7].Split(';');
            var course = new Course
            {
                Id = StableGuid("course:" + slug),
                Title = f[0],
                Subtitle = f[1],
                Slug = slug,
                Description = $"""
                    **{f[0]}** — {f[1].ToLowerInvariant()}.

                    This course takes you step by step through {string.Join(", ", modules.Take(modules.Length - 1)).ToLowerInvariant()} and {modules[^1].ToLowerInvariant()}. Every module mixes short videos, reading and a quiz, and ends with a hands-on exercise you can keep.

                    ## Who this course is for
                    - Learners who want a structured, practical path
                    - Anyone who prefers building things over memorising theory
                    """,
                CategoryId = categoryIds[f[2]],
                Level = Enum.Parse<CourseLevel>(f[3], ignoreCase: true),
                Language = f[6],
                PriceMinor = price,
                Currency = "USD",
                LearningOutcomes = [.. modules.Select(m => $"Apply {m.ToLowerInvariant()} with confidence"), $"Finish a complete project on {f[0].ToLowerInvariant()}"],
                Requirements = f[3] == "beginner" ? ["No prior experience needed", "A computer with internet access"] : ["Comfort with the basics of the subject", "A computer you can install software on"],
                Status = CourseStatus.Published,
                TeacherId = teacher.Id,
                TeacherName = teacher.Name,
                RatingAverage = Math.Round(3.6m + (i * 37 % 14) / 10m, 1),
                RatingCount = 12 + i * 53 % 900,
                EnrollmentCount = 150 + i * 7919 % 24000,
                CreatedAt = published.AddDays(-20),
                UpdatedAt = published.AddDays(3),
                PublishedAt = published,
            };
            course.Modules = [.. modules.Select((title, m) => Module(course, title, m))];
            yield return course;
        }
    }

    private static CourseModule Module(Course course, string title, int position)
    {
        var key = $"{course.Slug}:{position}";
        var module = new CourseModule { Id = StableGuid("module:" + key), CourseId = course.Id, Position = position + 1, Title = title };
        var lower = title.ToLowerInvariant();
        module.Lessons =
        [
            new Lesson { Id = StableGuid("lesson:" + key + ":0"), Position = 1, Title = $"Welcome: {lower}", Type = LessonType.Video, DurationSeconds = 240 + position * 30, IsFreePreview = position == 0, TextMarkdown = "Notes for this video." },
            new Lesson { Id = StableGuid("lesson:" + key + ":1"), Position = 2, Title = $"{title} explained", Type = LessonType.Video, DurationSeconds = 600 + position * 45 },
            new Lesson { Id = StableGuid("lesson:" + key + ":2"), Position = 3, Title = $"Reading: {lower} in practice", Type = LessonType.Text, DurationSeconds = 480, TextMarkdown = $"# {title} in practice\n\nA worked example, step by step." },
            new Lesson
            {
                Id = StableGuid("lesson:" + key + ":3"), Position = 4, Title = $"Quiz: {lower}", Type = LessonType.Quiz, DurationSeconds = 300,
                Questions =
                [
                    new QuizQuestion
                    {
                        Id = StableGuid("question:" + key + ":0"), Position = 1, Prompt = $"Which statement about {lower} is true?", Kind = QuizQuestionKind.SingleChoice, Points = 1,
                        Options =
                        [
                            new QuizOption { Id = StableGuid("option:" + key + ":0"), Position = 1, Text = "It is covered in this module", IsCorrect = true },
                            new QuizOption { Id = StableGuid("option:" + key + ":1"), Position = 2, Text = "It is never used in practice" },
                        ],
                    },
                    new QuizQuestion { Id = StableGuid("question:" + key + ":1"), Position = 2, Prompt = "Name this module's topic in one word.", Kind = QuizQuestionKind.FillIn, Points = 2, AcceptedAnswers = [title.Split(' ')[0]] },
                ],
            },
        ];
        if (position == 0)
        {
            module.Lessons.Add(new Lesson
            {
                Id = StableGuid("lesson:" + key + ":4"), Position = 5, Title = "Download: course workbook", Type = LessonType.Download, DurationSeconds = 60,
                DownloadBlobName = $"courses/{course.Id}/demo-workbook", DownloadFileName = $"{course.Slug}-workbook.pdf", DownloadContentType = "application/pdf",
            });
        }
        return module;
    }

    public static Guid StableGuid(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("coursehub-demo:" + name));
        return new Guid(hash);
    }
}
