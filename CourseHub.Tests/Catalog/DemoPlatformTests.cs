using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Features.Seeding;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Catalog;

/// <summary>The demo platform the AppHost seeds: people who can sign in, complete courses with their own covers, and course files that open.</summary>
[Collection(SystemCollection.Name)]
public sealed class DemoPlatformTests(SystemFixture system)
{
    private async Task<StudioUser> SignInAsync(string email, string password)
    {
        var client = new IdentityClient(system);
        return new StudioUser(client, email, (await client.LoginOkAsync(email, password)).AccessToken);
    }

    [Fact]
    public async Task Demo_teachers_students_and_admin_sign_in_with_the_generated_demo_password()
    {
        // The AppHost generated the password for this data folder and handed it to the Api.
        var password = (await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "demo-password"))).Trim();
        foreach (var (email, role) in new[] { ("ada.okafor@coursehub.test", "Teacher"), ("sam.carter@coursehub.test", "Student"), ("demo.admin@coursehub.test", "Admin") })
        {
            using var user = await SignInAsync(email, password);
            var me = await user.OkJsonAsync(HttpMethod.Get, "/api/me");
            Assert.Contains(role, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        // The demo teacher owns the demo courses in the studio, and her course page shows her profile.
        using var ada = await SignInAsync("ada.okafor@coursehub.test", password);
        var mine = await ada.OkJsonAsync(HttpMethod.Get, "/api/teach/courses");
        Assert.NotEmpty(mine.EnumerateArray());
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{mine[0].GetProperty("slug").GetString()}");
        Assert.False(string.IsNullOrEmpty(page.GetProperty("teacher").GetProperty("bio").GetString()));
    }

    [Fact]
    public async Task A_demo_download_lesson_opens_a_real_pdf()
    {
        using var admin = await system.AdminAsync();
        var courses = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/courses?status=Published&pageSize=100");
        var demo = courses.GetProperty("items").EnumerateArray().First(c => c.GetProperty("teacherName").GetString() == "Ada Okafor");
        var id = demo.GetProperty("id").GetGuid();
        var course = await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var download = course.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Single(l => l.GetProperty("type").GetString() == "Download");
        Assert.True(download.GetProperty("hasDownload").GetBoolean());

        byte[]? pdf = null;
        await Eventually.TrueAsync(async () =>
        {
            var media = await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/lessons/{download.GetProperty("id").GetGuid()}/media");
            using var blobs = new HttpClient();
            var response = await blobs.GetAsync(media.GetProperty("download").GetProperty("url").GetString());
            pdf = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
            return pdf is not null;
        }, TimeSpan.FromSeconds(30), "the demo workbook in blob storage");
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf!, 0, 5));
        Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(pdf!));
    }

    [Fact]
    public async Task Every_demo_course_is_published_complete_with_a_cover_and_without_made_up_ratings_or_students()
    {
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var demoSlugs = DemoCatalog.Content.Select(c => c.Slug).ToHashSet();
        var listed = new List<JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            // The covers are stored right after the seed; poll until the catalog (whose cache the seed bumps) shows them all.
            listed = [];
            for (var page = 1; page <= 3; page++)
            {
                var result = await http.GetFromJsonAsync<JsonElement>($"/api/courses?sort=newest&pageSize=50&page={page}");
                listed.AddRange(result.GetProperty("items").EnumerateArray().Where(i => demoSlugs.Contains(i.GetProperty("slug").GetString()!)));
            }
            return listed.Count == demoSlugs.Count && listed.All(i => i.GetProperty("thumbnailUrl").ValueKind == JsonValueKind.String);
        }, TimeSpan.FromSeconds(60), "every demo course listed with a thumbnail");

        foreach (var item in listed)
        {
            var slug = item.GetProperty("slug").GetString();
            Assert.Equal(0, item.GetProperty("ratingCount").GetInt32());
            Assert.Equal(0m, item.GetProperty("ratingAverage").GetDecimal());
            // Students only as real enrollments make them (other tests buy demo courses): never more than ever enrolled,
            // refunded ones included, since the catalog may answer from its cache.
            await using (var db = system.CreateDbContext())
            {
                var courseId = item.GetProperty("id").GetGuid();
                var everEnrolled = await db.Enrollments.CountAsync(e => e.CourseId == courseId);
                Assert.InRange(item.GetProperty("enrollmentCount").GetInt32(), 0, everEnrolled);
            }
            var details = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{slug}");
            Assert.True(details.GetProperty("learningOutcomes").GetArrayLength() >= 3, $"{slug}: outcomes");
            Assert.False(string.IsNullOrEmpty(details.GetProperty("teacher").GetProperty("bio").GetString()), $"{slug}: the teacher's bio");
        }

        // The cover opens as a PNG image from the public thumbnail route.
        var cover = await http.GetAsync(listed[0].GetProperty("thumbnailUrl").GetString());
        Assert.True(cover.IsSuccessStatusCode, $"thumbnail: {(int)cover.StatusCode}");
        Assert.Equal("image/png", cover.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/png", CourseHub.Api.Infrastructure.Media.ImageSniffer.Detect(await cover.Content.ReadAsByteArrayAsync()));

        // Every lesson holds what its type needs, as the studio sees it.
        using var admin = await system.AdminAsync();
        foreach (var item in listed)
        {
            var course = await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{item.GetProperty("id").GetGuid()}");
            foreach (var lesson in course.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            {
                var what = $"{item.GetProperty("slug").GetString()} / {lesson.GetProperty("title").GetString()}";
                var filled = lesson.GetProperty("type").GetString() switch
                {
                    "Text" => lesson.GetProperty("textMarkdown").GetString()?.Length > 100,
                    "Quiz" => lesson.GetProperty("questionCount").GetInt32() >= 3,
                    "Download" => lesson.GetProperty("hasDownload").GetBoolean(),
                    "Video" => lesson.GetProperty("hasVideo").GetBoolean(),
                    _ => false,
                };
                Assert.True(filled, $"{what} has content");
            }
        }
    }

    [Fact]
    public async Task An_earlier_seeds_demo_courses_are_brought_up_to_date_and_a_teachers_edits_are_kept()
    {
        await using var database = await ScratchDatabase.CreateMigratedAsync(system, "demo_upgrade");
        await using var db = database.CreateDbContext();
        var first = await DemoCatalogSeeder.SeedAsync(db, null, CancellationToken.None);
        Assert.Equal(new DemoCatalogSeeder.SeedResult(DemoCatalog.Content.Count, 0), first);
        var fresh = await ShapeAsync(db, "kubernetes-for-developers");

        // Yesterday's data: what the earlier generated seed wrote — a lowercased description, generated outcomes, made-up
        // ratings, a one-line curriculum, and its dates. Another demo course a teacher edited today.
        var old = await db.Courses.SingleAsync(c => c.Slug == "kubernetes-for-developers");
        await db.CourseModules.Where(m => m.CourseId == old.Id).ExecuteDeleteAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE courses SET description = '**Kubernetes for Developers** — deploy, scale and debug your apps on kubernetes.',
                   learning_outcomes = ARRAY['Apply containers recap with confidence'], rating_average = 4.7, rating_count = 331,
                   enrollment_count = 11233, updated_at = '2026-03-20T09:00:00Z'
            WHERE id = {old.Id}
            """);
        db.CourseModules.Add(new CourseModule
        {
            Id = Guid.NewGuid(), CourseId = old.Id, Position = 1, Title = "Containers recap",
            Lessons = [new Lesson { Id = Guid.NewGuid(), Position = 1, Title = "Welcome: containers recap", Type = LessonType.Video, DurationSeconds = 240, TextMarkdown = "Notes for this video." }],
        });
        var edited = await db.Courses.SingleAsync(c => c.Slug == "docker-fundamentals");
        edited.Subtitle = "My own subtitle";
        edited.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        var editedShape = await ShapeAsync(db, "docker-fundamentals");

        var second = await DemoCatalogSeeder.SeedAsync(db, null, CancellationToken.None);

        Assert.Equal(new DemoCatalogSeeder.SeedResult(0, 1), second);
        Assert.Equal(fresh, await ShapeAsync(db, "kubernetes-for-developers"));
        Assert.Equal(editedShape, await ShapeAsync(db, "docker-fundamentals"));
        // Once current, a start changes nothing.
        Assert.Equal(new DemoCatalogSeeder.SeedResult(0, 0), await DemoCatalogSeeder.SeedAsync(db, null, CancellationToken.None));
    }

    /// <summary>A course's content as JSON: its facts, aggregates and whole curriculum with quizzes.</summary>
    private static async Task<string> ShapeAsync(CourseHub.Domain.CourseHubDbContext db, string slug)
    {
        db.ChangeTracker.Clear();
        var course = await db.Courses.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new
            {
                c.Title, c.Subtitle, c.Description, c.LearningOutcomes, c.Requirements, c.TeacherName, c.RatingAverage, c.RatingCount,
                c.EnrollmentCount, c.UpdatedAt,
                Modules = c.Modules.OrderBy(m => m.Position).Select(m => new
                {
                    m.Position, m.Title,
                    Lessons = m.Lessons.OrderBy(l => l.Position).Select(l => new
                    {
                        l.Position, l.Title, l.Type, l.TextMarkdown, l.IsFreePreview, l.DownloadBlobName,
                        Questions = l.Questions.OrderBy(q => q.Position).Select(q => new
                        {
                            q.Prompt, q.AcceptedAnswers, Options = q.Options.OrderBy(o => o.Position).Select(o => new { o.Text, o.IsCorrect }).ToList(),
                        }).ToList(),
                    }).ToList(),
                }).ToList(),
            })
            .SingleAsync();
        return JsonSerializer.Serialize(course);
    }
}
