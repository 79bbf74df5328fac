using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Features.Teaching;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Commerce;
using CourseHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>The course lifecycle service against the real database, and what the public catalog shows at each step.</summary>
[Collection(SystemCollection.Name)]
public sealed class CourseAuthoringTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private static CourseDraftInput Input(string title, long price = 2999) => new(
        title, "Subtitle", "A **real** description.", "programming", CourseLevel.Intermediate, "en", price, "usd",
        ["Do things"], ["A laptop"]);

    private async Task<int> TotalOnEveryReplicaAsync(string word, int expected)
    {
        var watch = Stopwatch.StartNew();
        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            while (true)
            {
                var result = await Http.GetFromJsonAsync<JsonElement>($"{replica}/api/courses?q={word}");
                if (result.GetProperty("total").GetInt32() == expected)
                {
                    break;
                }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{replica} did not show {expected} result(s) within 1 s");
                await Task.Delay(25);
            }
        }
        return expected;
    }

    [Fact]
    public async Task A_course_goes_draft_review_published_unpublished_removed_and_the_catalog_follows_within_a_second()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        await using var version = new CatalogVersion(redis, NullLogger<CatalogVersion>.Instance);
        await using var db = system.CreateDbContext();
        var service = new CourseAuthoringService(db, version, TimeProvider.System);
        var teacher = new Author(await system.CreateProfileAsync("Nia Teacher"), IsAdmin: false);
        var word = UniqueWord();

        var course = await service.CreateDraftAsync(teacher.UserId, "Nia Teacher", Input($"{word} studio course"), CancellationToken.None);
        Assert.Equal(CourseStatus.Draft, course.Status);
        Assert.Equal("USD", course.Currency);
        Assert.StartsWith(word, course.Slug);
        await TotalOnEveryReplicaAsync(word, 0);

        // Review needs a thumbnail and a lesson with content (the submission rules; the rest the draft already has).
        var incomplete = await Assert.ThrowsAsync<Refusal>(() => service.SubmitForReviewAsync(teacher, course.Id, CancellationToken.None));
        Assert.Equal(("incomplete", 422), (incomplete.Code, incomplete.Status));
        Assert.Equal(new[] { "lessonContent", "lessons", "thumbnail" }.Order(), incomplete.FieldErrors.Keys.Order());
        course.ThumbnailBlobName = $"courses/{course.Id}/thumbnail-test.png";
        course.Modules.Add(new CourseModule { Title = "Module", Lessons = [new Lesson { Title = "Lesson", Type = LessonType.Text, TextMarkdown = "x" }] });
        await db.SaveChangesAsync();

        // A paid course also needs a teacher who can receive payouts; this one has just finished Stripe's onboarding.
        Assert.Equal(("payouts-not-enabled", 422), await Assert.ThrowsAsync<Refusal>(() => service.SubmitForReviewAsync(teacher, course.Id, CancellationToken.None))
            is var refused ? (refused.Code, refused.Status) : default);
        db.PayoutAccounts.Add(new PayoutAccount { TeacherId = teacher.UserId, StripeAccountId = $"acct_test_{Guid.NewGuid():N}", ChargesEnabled = true, PayoutsEnabled = true, DetailsSubmitted = true });
        await db.SaveChangesAsync();

        // Another teacher cannot touch it.
        Assert.Equal("not-found", (await Assert.ThrowsAsync<Refusal>(() => service.SubmitForReviewAsync(new Author(Guid.NewGuid(), IsAdmin: false), course.Id, CancellationToken.None))).Code);

        await service.SubmitForReviewAsync(teacher, course.Id, CancellationToken.None);
        Assert.Equal("not-editable", (await Assert.ThrowsAsync<Refusal>(() => service.UpdateAsync(teacher, course.Id, Input("x"), CancellationToken.None))).Code);
        Assert.Equal("reason-required", (await Assert.ThrowsAsync<Refusal>(() => service.RejectAsync(course.Id, " ", CancellationToken.None))).Code);
        var rejected = await service.RejectAsync(course.Id, "Please add a preview lesson", CancellationToken.None);
        Assert.Equal((CourseStatus.Draft, "Please add a preview lesson"), (rejected.Status, rejected.ReviewReason));
        await TotalOnEveryReplicaAsync(word, 0);

        await service.SubmitForReviewAsync(teacher, course.Id, CancellationToken.None);
        Assert.Equal("wrong-status", (await Assert.ThrowsAsync<Refusal>(() => service.UnpublishAsync(teacher, course.Id, CancellationToken.None))).Code);
        var published = await service.ApproveAsync(course.Id, CancellationToken.None);
        Assert.NotNull(published.PublishedAt);
        Assert.Null(published.ReviewReason);
        await TotalOnEveryReplicaAsync(word, 1);

        // Editing a published course is visible on every replica within a second.
        await service.UpdateAsync(teacher, course.Id, Input($"{word} renamed course", price: 0), CancellationToken.None);
        var watch = Stopwatch.StartNew();
        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            while ((await Http.GetFromJsonAsync<JsonElement>($"{replica}/api/courses/{course.Slug}")).GetProperty("isFree").GetBoolean() == false)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{replica} still shows the old price");
                await Task.Delay(25);
            }
        }

        await service.UnpublishAsync(teacher, course.Id, CancellationToken.None);
        await TotalOnEveryReplicaAsync(word, 0);

        var removed = await service.RemoveAsync(course.Id, "Copyright complaint", CancellationToken.None);
        Assert.Equal(CourseStatus.Removed, removed.Status);
        Assert.Equal("not-editable", (await Assert.ThrowsAsync<Refusal>(() => service.UpdateAsync(teacher, course.Id, Input("x"), CancellationToken.None))).Code);
    }

    [Fact]
    public async Task Invalid_drafts_are_rejected_with_the_field_names()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        await using var version = new CatalogVersion(redis, NullLogger<CatalogVersion>.Instance);
        await using var db = system.CreateDbContext();
        var service = new CourseAuthoringService(db, version, TimeProvider.System);
        var teacherId = await system.CreateProfileAsync("T");
        var error = await Assert.ThrowsAsync<Refusal>(() => service.CreateDraftAsync(teacherId, "T",
            Input("") with { PriceMinor = -1, Currency = "dollars", CategorySlug = "nope" }, CancellationToken.None));
        Assert.Equal("invalid", error.Code);
        foreach (var field in new[] { "title", "priceMinor", "currency", "categorySlug" })
        {
            Assert.Contains(field, error.Message);
        }
        Assert.IsType<CourseHubDbContext>(db);
    }

    [Fact]
    public async Task Prices_above_what_Stripe_accepts_are_refused_on_priceMinor()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        await using var version = new CatalogVersion(redis, NullLogger<CatalogVersion>.Instance);
        await using var db = system.CreateDbContext();
        var service = new CourseAuthoringService(db, version, TimeProvider.System);
        var teacherId = await system.CreateProfileAsync("T");
        foreach (var price in new[] { 9_007_199_254_740_991L, 100_000_000L })
        {
            var error = await Assert.ThrowsAsync<Refusal>(() => service.CreateDraftAsync(teacherId, "T", Input("Too dear", price), CancellationToken.None));
            Assert.Equal("invalid", error.Code);
            Assert.Equal(["priceMinor"], error.FieldErrors.Keys);
        }
        var highest = await service.CreateDraftAsync(teacherId, "T", Input("Dear but fine", 99_999_999), CancellationToken.None);
        Assert.Equal(99_999_999, highest.PriceMinor);
    }
}
