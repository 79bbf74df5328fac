using System.Diagnostics;
using CourseHub.Api.Infrastructure;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CourseHub.Tests.Catalog;

/// <summary>Test courses with made-up words, so catalog tests never depend on the demo data or on each other.</summary>
public static class CatalogTestData
{
    /// <summary>A fresh lowercase word no real course contains (long enough for trigram typo tests).</summary>
    public static string UniqueWord(int length = 14)
    {
        const string letters = "bcdfghjklmnpqrstvwxz";
        var random = Random.Shared;
        return "zq" + new string(Enumerable.Range(0, length - 2).Select(i => i % 3 == 2 ? "aeiou"[random.Next(5)] : letters[random.Next(letters.Length)]).ToArray());
    }

    public static Course Course(string title, Action<Course>? configure = null)
    {
        var now = DateTimeOffset.UtcNow;
        var course = new Course
        {
            Id = Guid.NewGuid(),
            Title = title,
            Subtitle = "A test course",
            Slug = $"test-{Guid.NewGuid():N}",
            Description = "Plain description.",
            CategoryId = 1,
            Level = CourseLevel.Beginner,
            Language = "en",
            PriceMinor = 1999,
            Currency = "USD",
            Status = CourseStatus.Published,
            TeacherId = Guid.NewGuid(),
            TeacherName = "Test Teacher",
            RatingAverage = 4.0m,
            RatingCount = 10,
            EnrollmentCount = 100,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            LearningOutcomes = ["Something useful"],
        };
        configure?.Invoke(course);
        return course;
    }

    public static async Task<IReadOnlyList<Course>> SaveAsync(this SystemFixture system, params Course[] courses)
    {
        await using var db = system.CreateDbContext();
        // A course belongs to a teacher account (foreign key): create the made-up teachers as users without sign-in.
        var teacherIds = courses.Select(c => c.TeacherId).Distinct().ToList();
        var known = db.Users.Where(u => teacherIds.Contains(u.Id)).Select(u => u.Id).ToHashSet();
        db.Users.AddRange(courses.Where(c => !known.Contains(c.TeacherId)).DistinctBy(c => c.TeacherId).Select(c => Profile(c.TeacherId, c.TeacherName)));
        db.Courses.AddRange(courses);
        await db.SaveChangesAsync();
        return courses;
    }

    /// <summary>
    /// Renames a saved course and announces the change as every writer of the catalog does (the Api's own
    /// <see cref="CatalogVersion"/>); returns a stopwatch started at the announcement, for "visible within a second".
    /// </summary>
    public static async Task<Stopwatch> RenameAndAnnounceAsync(this SystemFixture system, Guid courseId, string title)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        await using var version = new CatalogVersion(redis, NullLogger<CatalogVersion>.Instance);
        await using (var db = system.CreateDbContext())
        {
            await db.Courses.Where(c => c.Id == courseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, title));
        }
        await version.InvalidateAsync();
        return Stopwatch.StartNew();
    }

    /// <summary>A user without sign-in (a teacher to own test courses); returns its id.</summary>
    public static async Task<Guid> CreateProfileAsync(this SystemFixture system, string displayName)
    {
        await using var db = system.CreateDbContext();
        var user = Profile(Guid.NewGuid(), displayName);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static AppUser Profile(Guid id, string displayName) =>
        new() { Id = id, DisplayName = displayName, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };

    public static int CategoryId(string slug) => CategorySeed.All.Single(c => c.Slug == slug).Id;
}
