using CourseHub.Domain.Commerce;
using CourseHub.Domain.Identity;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Analytics;

/// <summary>
/// The top-courses ranking on days of June 2018 that nothing else touches: ties ordered by course id, the limit cutting
/// through a tie, and a rebuild that rewrites old days (the last rolled-up day unchanged) showing in the next answer.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TopCoursesRankingTests(SystemFixture system)
{
    private static readonly DateOnly E0 = new(2018, 6, 11);
    private static DateOnly E1 => E0.AddDays(1);

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    [Fact]
    public async Task Ties_rank_by_course_id_the_limit_cuts_through_them_and_a_rebuild_shows_at_once()
    {
        var marker = "ranking-" + Guid.NewGuid().ToString("N")[..8];
        var p = await system.PublishedCourseAsync($"Ranking P {marker}", 4000);
        var q = await system.PublishedCourseAsync($"Ranking Q {marker}", 6000);
        var r = await system.PublishedCourseAsync($"Ranking R {marker}", 9000);
        var s = await system.PublishedCourseAsync($"Ranking S {marker}", 5000, "EUR");
        await using (var db = system.CreateDbContext())
        {
            var users = Enumerable.Range(0, 7).Select(i => NewUser($"{marker}-{i}@example.test")).ToList();
            db.Users.AddRange(users);
            // USD net: R 9000; P 4000; Q 6000 paid, 2000 refunded the next day = 4000, a tie with P. S sells in EUR only.
            var refunded = Paid(users[1], q, 6000, "USD", At(E0, 10));
            refunded.RefundedMinor = 2000;
            refunded.RefundedAt = At(E1, 9);
            db.Orders.AddRange(Paid(users[0], p, 4000, "USD", At(E0, 9)), refunded, Paid(users[2], r, 9000, "USD", At(E0, 11)),
                Paid(users[3], s, 5000, "EUR", At(E0, 12)));
            // Enrollments: R 3; P, Q and S one each, a three-way tie.
            db.Enrollments.AddRange(Enrolled(users[0], p.Id, At(E0, 9)), Enrolled(users[1], q.Id, At(E0, 10)), Enrolled(users[2], r.Id, At(E0, 11)),
                Enrolled(users[3], s.Id, At(E0, 12)), Enrolled(users[4], r.Id, At(E1, 8)), Enrolled(users[5], r.Id, At(E1, 9)));
            await db.SaveChangesAsync();
        }
        using var admin = await system.AdminAsync();
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");
        var range = $"from={E0:yyyy-MM-dd}&to={E1:yyyy-MM-dd}";
        var tiedByNet = new[] { p.Id, q.Id }.Order().ToArray();
        var tiedByEnrollments = new[] { p.Id, q.Id, s.Id }.Order().ToArray();

        await AssertRankedAsync(admin, $"top-courses?by=revenue&currency=USD&{range}", [r.Id, .. tiedByNet]);
        await AssertRankedAsync(admin, $"top-courses?by=revenue&currency=USD&{range}&limit=2", [r.Id, tiedByNet[0]]);
        await AssertRankedAsync(admin, $"top-courses?by=enrollments&{range}", [r.Id, .. tiedByEnrollments]);
        await AssertRankedAsync(admin, $"top-courses?by=enrollments&{range}&limit=3", [r.Id, tiedByEnrollments[0], tiedByEnrollments[1]]);
        // Asked again, so the rolled-up answer is in the cache before the raw rows change.
        for (var i = 0; i < 4; i++)
        {
            await AssertRankedAsync(admin, $"top-courses?by=enrollments&{range}&limit=2", [r.Id, tiedByEnrollments[0]]);
        }

        // A late enrollment written with a past time changes nothing rolled up until a rebuild, which leaves the last
        // rolled-up day where it was: the next answer must be the new one on every replica, not a cached one.
        var lastOfTie = tiedByEnrollments[^1];
        await using (var db = system.CreateDbContext())
        {
            var late = NewUser($"{marker}-late@example.test");
            db.Users.Add(late);
            db.Enrollments.Add(Enrolled(late, lastOfTie, At(E1, 20)));
            await db.SaveChangesAsync();
        }
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");
        for (var i = 0; i < 4; i++)
        {
            await AssertRankedAsync(admin, $"top-courses?by=enrollments&{range}&limit=2", [r.Id, lastOfTie]);
        }
    }

    private static async Task AssertRankedAsync(StudioUser admin, string route, Guid[] expected)
    {
        var answer = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/" + route);
        Assert.Equal(expected, answer.EnumerateArray().Select(c => c.GetProperty("courseId").GetGuid()).ToArray());
    }

    private static Order Paid(AppUser buyer, ShopCourse course, long amount, string currency, DateTimeOffset paidAt) => new()
    {
        Id = Guid.CreateVersion7(), BuyerId = buyer.Id, CourseId = course.Id, TeacherId = course.Teacher.Id, AmountMinor = amount, Currency = currency,
        PlatformFeeMinor = amount / 5, Status = OrderStatus.Paid, CreatedAt = paidAt.AddMinutes(-1), PaidAt = paidAt,
    };

    private static Enrollment Enrolled(AppUser user, Guid courseId, DateTimeOffset at) => new() { Id = Guid.CreateVersion7(), UserId = user.Id, CourseId = courseId, EnrolledAt = at };

    private static AppUser NewUser(string email) => new()
    {
        Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true, DisplayName = email, CreatedAt = At(E0, 1), SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}
