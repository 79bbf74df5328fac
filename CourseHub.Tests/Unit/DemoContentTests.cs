using System.Buffers.Binary;
using System.Text.RegularExpressions;
using CourseHub.Api.Features.Seeding;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Persistence;

namespace CourseHub.Tests.Unit;

/// <summary>
/// The demo catalog as written: every course complete enough to pass review (outcomes, real lesson content, quizzes
/// that can be answered), nothing a review or an enrollment would have to back, and no generated-looking text.
/// </summary>
public sealed partial class DemoContentTests
{
    private static readonly IReadOnlyDictionary<string, int> CategoryIds = CategorySeed.All.ToDictionary(c => c.Slug, c => c.Id);
    private static readonly List<Course> Courses = [.. DemoCatalog.Courses(CategoryIds)];

    /// <summary>The slugs the earlier seed wrote: each must still be a demo course, or its old copy would stay behind unrepaired.</summary>
    private static readonly string[] EarlierSlugs =
    [
        "c-from-zero-to-confident", "aspnet-core-minimal-apis-in-depth", "blazor-for-web-developers", "python-for-everyone",
        "rust-systems-programming", "modern-javascript-essentials", "typescript-for-large-codebases", "algorithms-and-data-structures-bootcamp",
        "go-for-backend-engineers", "introduction-to-machine-learning", "sql-for-data-analysis", "deep-learning-with-pytorch",
        "statistics-for-data-scientists", "data-engineering-pipelines", "kubernetes-for-developers", "docker-fundamentals",
        "azure-container-apps-in-production", "ci-cd-with-github-actions", "terraform-infrastructure-as-code", "startup-finance-fundamentals",
        "leading-remote-teams", "project-management-with-scrum", "negotiation-masterclass", "ux-design-foundations", "figma-ui-design-systems",
        "typography-for-screens", "digital-illustration-with-procreate", "seo-that-actually-works", "content-marketing-playbook",
        "email-marketing-automation", "public-speaking-without-fear", "deep-work-and-focus", "spanish-for-travellers",
        "japanese-hiragana-and-katakana", "business-german", "guitar-for-absolute-beginners", "music-production-in-ableton-live",
        "smartphone-photography", "lightroom-photo-editing", "strength-training-basics", "linear-algebra-for-machine-learning",
        "astronomy-the-night-sky",
    ];

    [Fact]
    public void Every_earlier_demo_course_is_still_in_the_demo_catalog_once()
    {
        var slugs = Courses.Select(c => c.Slug).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.Empty(EarlierSlugs.Except(slugs));
        Assert.Equal(slugs.Count, Courses.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Every_demo_course_is_complete_enough_to_be_submitted_for_review()
    {
        foreach (var course in Courses)
        {
            var name = course.Title;
            Assert.True(course.LearningOutcomes.Count >= 3, $"{name}: at least three outcomes");
            Assert.NotEmpty(course.Requirements);
            Assert.True(course.Description.Length >= 200, $"{name}: a description of a few sentences");
            Assert.False(string.IsNullOrWhiteSpace(course.Subtitle), $"{name}: a subtitle");
            Assert.True(course.Modules.Count >= 3, $"{name}: at least three modules");
            var lessons = course.Modules.SelectMany(m => m.Lessons).ToList();
            Assert.Equal(Enumerable.Range(1, course.Modules.Count), course.Modules.Select(m => m.Position));
            Assert.All(course.Modules, m => Assert.Equal(Enumerable.Range(1, m.Lessons.Count), m.Lessons.Select(l => l.Position)));
            Assert.All(course.Modules, m => Assert.NotEmpty(m.Lessons));
            Assert.All(lessons, lesson => Assert.True(lesson.DurationSeconds > 0, $"{name} / {lesson.Title}: a duration"));
            foreach (var lesson in lessons)
            {
                var where = $"{name} / {lesson.Title}";
                switch (lesson.Type)
                {
                    case LessonType.Text:
                        // A real reading, not a one-liner.
                        Assert.True(lesson.TextMarkdown?.Length >= 180, $"{where}: {lesson.TextMarkdown?.Length} characters of text");
                        break;
                    case LessonType.Quiz:
                        Assert.True(lesson.Questions.Count >= 3, $"{where}: at least three questions");
                        foreach (var question in lesson.Questions)
                        {
                            switch (question.Kind)
                            {
                                case QuizQuestionKind.SingleChoice:
                                    Assert.Single(question.Options, o => o.IsCorrect);
                                    Assert.True(question.Options.Count >= 3, $"{where}: {question.Prompt} has choices");
                                    break;
                                case QuizQuestionKind.MultipleChoice:
                                    Assert.Contains(question.Options, o => o.IsCorrect);
                                    Assert.Contains(question.Options, o => !o.IsCorrect);
                                    break;
                                default:
                                    Assert.NotEmpty(question.AcceptedAnswers);
                                    break;
                            }
                            Assert.Equal(question.Options.Count, question.Options.Select(o => o.Text).Distinct().Count());
                        }
                        break;
                    case LessonType.Download:
                        Assert.EndsWith("/demo-workbook", lesson.DownloadBlobName);
                        Assert.Equal("application/pdf", lesson.DownloadContentType);
                        break;
                    default:
                        // A video lesson would need a video file, and the demo has none: it would be an empty lesson.
                        Assert.Fail($"{where}: a {lesson.Type} lesson has no content in the demo");
                        break;
                }
            }
            Assert.Single(lessons, l => l.Type == LessonType.Download);
            Assert.Contains(lessons, l => l.Type == LessonType.Quiz);
            // The opening reading is the free preview, and the only one.
            Assert.True(course.Modules[0].Lessons[0].IsFreePreview, $"{name}: the first lesson is a free preview");
            Assert.Single(lessons, l => l.IsFreePreview);
        }
    }

    [Fact]
    public void Correct_answers_are_not_always_in_the_same_place()
    {
        var positions = Courses.SelectMany(c => c.Modules).SelectMany(m => m.Lessons).SelectMany(l => l.Questions)
            .Where(q => q.Kind == QuizQuestionKind.SingleChoice)
            .Select(q => q.Options.Single(o => o.IsCorrect).Position).ToList();
        Assert.True(positions.Distinct().Count() >= 3, "the correct option moves between positions");
        Assert.True(positions.Count(p => p == 1) < positions.Count / 2, "the first option is not usually the answer");
    }

    [Fact]
    public void No_demo_course_claims_ratings_or_students_that_no_review_or_enrollment_backs()
    {
        Assert.All(Courses, course =>
        {
            Assert.Equal(0, course.RatingCount);
            Assert.Equal(0m, course.RatingAverage);
            Assert.Equal(0, course.EnrollmentCount);
        });
    }

    [Fact]
    public void Demo_text_keeps_proper_nouns_capitalised_and_none_of_the_generated_phrases()
    {
        foreach (var course in Courses)
        {
            var prose = string.Join('\n', [course.Title, course.Subtitle!, .. course.LearningOutcomes, .. course.Modules.Select(m => m.Title),
                .. course.Modules.SelectMany(m => m.Lessons).Select(l => l.Title)]);
            Assert.DoesNotMatch(LowercasedProperNoun(), prose);
            Assert.DoesNotMatch(LowercasedProperNoun(), StripCode(course.Description));
            Assert.DoesNotContain(course.LearningOutcomes, o => o.StartsWith("Apply ", StringComparison.Ordinal) && o.EndsWith(" with confidence", StringComparison.Ordinal));
            Assert.DoesNotContain("A worked example, step by step.", course.Modules.SelectMany(m => m.Lessons).Select(l => l.TextMarkdown));
        }
        // Every teacher teaches something, and each bio is their own.
        var teachers = Courses.Select(c => c.TeacherId).Distinct().ToList();
        Assert.Equal(DemoCatalog.Teachers.Select(t => t.Id).Order(), teachers.Order());
        Assert.Equal(DemoCatalog.Teachers.Length, DemoCatalog.Teachers.Select(t => t.Bio).Distinct().Count());
        Assert.Empty(DemoCatalog.Teachers.Select(t => t.Bio).Intersect(DemoCatalog.PreviousBios));
    }

    [Fact]
    public void Demo_thumbnails_are_real_png_images_of_their_own()
    {
        var first = DemoThumbnail.Png("kubernetes-for-developers", "cloud-devops");
        var second = DemoThumbnail.Png("docker-fundamentals", "cloud-devops");
        Assert.Equal("image/png", ImageSniffer.Detect(first));
        Assert.Equal(DemoThumbnail.Width, BinaryPrimitives.ReadInt32BigEndian(first.AsSpan(16)));
        Assert.Equal(DemoThumbnail.Height, BinaryPrimitives.ReadInt32BigEndian(first.AsSpan(20)));
        Assert.NotEqual(first, second);
        Assert.Equal(first, DemoThumbnail.Png("kubernetes-for-developers", "cloud-devops"));
        Assert.True(first.Length < 300_000, $"{first.Length} bytes: small enough to seed quickly");
        // Drawing every cover must not hold up a first start noticeably.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var course in Courses.Take(10))
        {
            DemoThumbnail.Png(course.Slug, "programming");
        }
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"ten covers took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        // The file ends with an IEND chunk whose CRC-32 is the well-known AE 42 60 82.
        Assert.Equal([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], first[^8..]);
    }

    private static string StripCode(string markdown) => CodePattern().Replace(markdown, "");

    // Words the earlier seed lowercased (".net", "azure"), outside code.
    [GeneratedRegex(@"(?<![\w/`.-])(\.net|azure|python|kubernetes|docker|postgresql|figma|lightroom|ableton|github|javascript|typescript)\b")]
    private static partial Regex LowercasedProperNoun();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodePattern();
}
