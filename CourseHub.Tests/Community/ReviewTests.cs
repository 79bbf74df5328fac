using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Community;

/// <summary>Course reviews on the running system: who may write, one each, the rating everywhere, replies, helpful votes, sorting.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReviewTests(SystemFixture system)
{
    private async Task<StudioUser> EnrolledStudentAsync(ShopCourse course, string prefix = "reviewer")
    {
        var student = await system.SignUpAsync("Student", prefix);
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        return student;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    /// <summary>The course's rating as the course page and a catalog search show it, through one Api replica.</summary>
    private static async Task<(decimal Average, int Count, decimal SearchAverage, int SearchCount)> RatingSeenAsync(string apiUrl, ShopCourse course, string title)
    {
        using var http = new HttpClient { BaseAddress = new Uri(apiUrl) };
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{course.Slug}");
        var search = await http.GetFromJsonAsync<JsonElement>($"/api/courses?q={Uri.EscapeDataString(title)}");
        var hit = search.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetGuid() == course.Id);
        return (page.GetProperty("ratingAverage").GetDecimal(), page.GetProperty("ratingCount").GetInt32(),
            hit.GetProperty("ratingAverage").GetDecimal(), hit.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task Only_enrolled_students_review_once_each_and_bad_input_names_the_field()
    {
        var course = await system.PublishedCourseAsync("Review rules course", priceMinor: 0);
        using var student = await EnrolledStudentAsync(course);
        using var stranger = await system.SignUpAsync("Student", "reviewstranger");
        var path = $"/api/courses/{course.Id}/reviews";

        using (var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path, new { rating = 5, text = "Great" })).StatusCode);
            var empty = await anonymous.GetFromJsonAsync<JsonElement>(path);
            Assert.Equal(0, empty.GetProperty("summary").GetProperty("count").GetInt32());
            Assert.False(empty.GetProperty("canReview").GetBoolean());
        }
        var notEnrolled = await stranger.SendAsync(HttpMethod.Post, path, new { rating = 5, text = "Never took it" });
        Assert.Equal(HttpStatusCode.Forbidden, notEnrolled.StatusCode);
        Assert.Equal("review-not-enrolled", await CodeOf(notEnrolled));
        var byTeacher = await course.Teacher.SendAsync(HttpMethod.Post, path, new { rating = 5, text = "My own course is great" });
        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);

        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { rating = 0, text = "Zero" }))).TryGetProperty("rating", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { rating = 6, text = "Six" }))).TryGetProperty("rating", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { text = "No stars" }))).TryGetProperty("rating", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { rating = 4, text = "  " }))).TryGetProperty("text", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { rating = 4, text = new string('x', 4001) }))).TryGetProperty("text", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Post, $"/api/courses/{Guid.NewGuid()}/reviews", new { rating = 4, text = "Where?" })).StatusCode);

        // Line breaks are kept: a review is written in paragraphs.
        var created = await student.OkJsonAsync(HttpMethod.Post, path, new { rating = 4, text = "Clear lessons.\n\nThe quiz was hard." }, HttpStatusCode.Created);
        Assert.Equal(4, created.GetProperty("rating").GetInt32());
        Assert.Equal("Clear lessons.\n\nThe quiz was hard.", created.GetProperty("text").GetString());
        Assert.True(created.GetProperty("isMine").GetBoolean());
        var second = await student.SendAsync(HttpMethod.Post, path, new { rating = 1, text = "Changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("review-exists", await CodeOf(second));

        // By slug too; the student's own review comes back as theirs, and they may not review again.
        var page = await student.OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Slug}/reviews");
        Assert.Equal(created.GetProperty("id").GetGuid(), page.GetProperty("mine").GetProperty("id").GetGuid());
        Assert.False(page.GetProperty("canReview").GetBoolean());
        Assert.Equal(1, page.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal([0, 0, 0, 1, 0], page.GetProperty("summary").GetProperty("stars").EnumerateArray().Select(s => s.GetInt32()));

        // Someone else's review cannot be edited or deleted by a student; an admin may delete it, and that is audited.
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Put, $"/api/reviews/{id}", new { rating = 1, text = "Vandal" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Delete, $"/api/reviews/{id}")).StatusCode);
        using var admin = await system.AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/reviews/{id}")).StatusCode);
        await using var db = system.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "review.deleted" && a.Details!.Contains(id.ToString())));
        // The student may review again once it is gone.
        await student.OkJsonAsync(HttpMethod.Post, path, new { rating = 3, text = "Second try" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_rating_follows_every_review_on_the_course_page_and_in_the_catalog_on_both_Api_replicas()
    {
        var title = $"Rating follows {Guid.NewGuid():N}"[..28];
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        // Six students at once: the course's lock makes each recount see the others.
        var students = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => EnrolledStudentAsync(course)));
        try
        {
            int[] ratings = [5, 4, 4, 3, 5, 2];
            var reviews = await Task.WhenAll(students.Select((student, i) =>
                student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = ratings[i], text = $"Review {i}" }, HttpStatusCode.Created)));
            await using (var db = system.CreateDbContext())
            {
                var row = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == course.Id);
                Assert.Equal(6, row.RatingCount);
                Assert.Equal(3.8m, row.RatingAverage); // 23 / 6 = 3.83 → one decimal
            }
            foreach (var replica in system.Project("api").ReplicaUrls)
            {
                await Eventually.TrueAsync(async () => await RatingSeenAsync(replica, course, title) == (3.8m, 6, 3.8m, 6),
                    TimeSpan.FromSeconds(5), $"the new rating on {replica}");
            }

            // An edit and a deletion move it again, everywhere.
            await students[5].OkJsonAsync(HttpMethod.Put, $"/api/reviews/{reviews[5].GetProperty("id").GetGuid()}", new { rating = 5, text = "Better on a second look" });
            Assert.Equal(HttpStatusCode.NoContent, (await students[3].SendAsync(HttpMethod.Delete, $"/api/reviews/{reviews[3].GetProperty("id").GetGuid()}")).StatusCode);
            foreach (var replica in system.Project("api").ReplicaUrls)
            {
                await Eventually.TrueAsync(async () => await RatingSeenAsync(replica, course, title) == (4.6m, 5, 4.6m, 5), // 23 / 5
                    TimeSpan.FromSeconds(5), $"the edited rating on {replica}");
            }
            var edited = await students[5].OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews");
            Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("mine").GetProperty("editedAt").ValueKind);
        }
        finally
        {
            foreach (var student in students)
            {
                student.Dispose();
            }
        }
    }

    [Fact]
    public async Task Catalog_sorting_by_rating_follows_new_reviews()
    {
        var word = $"rs{Guid.NewGuid():N}"[..12];
        var first = await system.PublishedCourseAsync($"Sorted {word} first", priceMinor: 0);
        var second = await system.PublishedCourseAsync($"Sorted {word} second", priceMinor: 0);
        using var a = await EnrolledStudentAsync(first);
        using var b = await EnrolledStudentAsync(second);
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        async Task<List<Guid>> ByRating() => (await http.GetFromJsonAsync<JsonElement>($"/api/courses?q={word}&sort=rating"))
            .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToList();

        await a.OkJsonAsync(HttpMethod.Post, $"/api/courses/{first.Id}/reviews", new { rating = 3, text = "Fine" }, HttpStatusCode.Created);
        await b.OkJsonAsync(HttpMethod.Post, $"/api/courses/{second.Id}/reviews", new { rating = 5, text = "Excellent" }, HttpStatusCode.Created);
        await Eventually.TrueAsync(async () => (await ByRating()).SequenceEqual([second.Id, first.Id]), TimeSpan.FromSeconds(5), "the better-rated course first");

        var mine = (await a.OkJsonAsync(HttpMethod.Get, $"/api/courses/{first.Id}/reviews")).GetProperty("mine").GetProperty("id").GetGuid();
        await a.OkJsonAsync(HttpMethod.Put, $"/api/reviews/{mine}", new { rating = 5, text = "Grew on me" });
        await b.OkJsonAsync(HttpMethod.Put, $"/api/reviews/{(await b.OkJsonAsync(HttpMethod.Get, $"/api/courses/{second.Id}/reviews")).GetProperty("mine").GetProperty("id").GetGuid()}",
            new { rating = 2, text = "Less so now" });
        await Eventually.TrueAsync(async () => (await ByRating()).SequenceEqual([first.Id, second.Id]), TimeSpan.FromSeconds(5), "the order to turn round");
    }

    [Fact]
    public async Task The_teacher_replies_once_readers_mark_reviews_helpful_once_and_the_sorts_order_them()
    {
        var course = await system.PublishedCourseAsync("Review replies course", priceMinor: 0);
        using var low = await EnrolledStudentAsync(course);
        using var high = await EnrolledStudentAsync(course);
        using var middle = await EnrolledStudentAsync(course);
        using var reader = await system.SignUpAsync("Student", "reviewreader");
        var path = $"/api/courses/{course.Id}/reviews";
        var lowId = (await low.OkJsonAsync(HttpMethod.Post, path, new { rating = 1, text = "Too fast" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var highId = (await high.OkJsonAsync(HttpMethod.Post, path, new { rating = 5, text = "Loved it" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var middleId = (await middle.OkJsonAsync(HttpMethod.Post, path, new { rating = 3, text = "Fair" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Reply: the course's teacher, once.
        var teacherView = await course.Teacher.OkJsonAsync(HttpMethod.Get, path);
        Assert.True(teacherView.GetProperty("canReply").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await high.SendAsync(HttpMethod.Post, $"/api/reviews/{lowId}/reply", new { text = "Not mine to answer" })).StatusCode);
        Assert.True((await ErrorsOf(await course.Teacher.SendAsync(HttpMethod.Post, $"/api/reviews/{lowId}/reply", new { text = "" }))).TryGetProperty("text", out _));
        var replied = await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{lowId}/reply", new { text = "Thanks — the second module slows down." });
        Assert.Equal("Thanks — the second module slows down.", replied.GetProperty("reply").GetProperty("text").GetString());
        var again = await course.Teacher.SendAsync(HttpMethod.Post, $"/api/reviews/{lowId}/reply", new { text = "And another thing" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("reply-exists", await CodeOf(again));

        // Helpful: once per reader, not for one's own review, and withdrawn.
        Assert.Equal(HttpStatusCode.Forbidden, (await middle.SendAsync(HttpMethod.Post, $"/api/reviews/{middleId}/helpful")).StatusCode);
        var vote = await reader.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{middleId}/helpful");
        Assert.Equal(1, vote.GetProperty("helpfulCount").GetInt32());
        vote = await reader.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{middleId}/helpful");
        Assert.Equal(1, vote.GetProperty("helpfulCount").GetInt32());
        Assert.True(vote.GetProperty("votedHelpful").GetBoolean());
        await low.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{middleId}/helpful");
        await reader.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{lowId}/helpful");
        var withdrawn = await low.OkJsonAsync(HttpMethod.Delete, $"/api/reviews/{middleId}/helpful");
        Assert.Equal(1, withdrawn.GetProperty("helpfulCount").GetInt32());
        Assert.False(withdrawn.GetProperty("votedHelpful").GetBoolean());
        await high.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{middleId}/helpful");

        async Task<List<Guid>> Sorted(string sort) => (await reader.OkJsonAsync(HttpMethod.Get, $"{path}?sort={sort}"))
            .GetProperty("reviews").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([middleId, highId, lowId], await Sorted("newest"));
        Assert.Equal([highId, middleId, lowId], await Sorted("highest"));
        Assert.Equal([lowId, middleId, highId], await Sorted("lowest"));
        Assert.Equal([middleId, lowId, highId], await Sorted("helpful")); // 2 votes, 1 vote, then none
        var readerView = await reader.OkJsonAsync(HttpMethod.Get, $"{path}?sort=helpful&pageSize=1&page=2");
        var only = Assert.Single(readerView.GetProperty("reviews").GetProperty("items").EnumerateArray());
        Assert.Equal(lowId, only.GetProperty("id").GetGuid());
        Assert.True(only.GetProperty("votedHelpful").GetBoolean());
        Assert.Equal("Thanks — the second module slows down.", only.GetProperty("reply").GetProperty("text").GetString());
        Assert.Equal(3, readerView.GetProperty("reviews").GetProperty("total").GetInt32());

        Assert.True((await ErrorsOf(await reader.SendAsync(HttpMethod.Get, $"{path}?sort=best"))).TryGetProperty("sort", out _));
        Assert.True((await ErrorsOf(await reader.SendAsync(HttpMethod.Get, $"{path}?pageSize=51"))).TryGetProperty("pageSize", out _));
    }
}
