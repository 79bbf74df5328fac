using CourseHub.Domain.Commerce;
using CourseHub.Domain.Identity;
using CourseHub.Domain.LiveClasses;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Analytics;

/// <summary>
/// A small, known history written straight into the shared system's database, on days of March 2019 that nothing else
/// touches, so every figure the dashboard gives for them can be worked out by hand (see the comments).
/// </summary>
/// <remarks>
/// Days (UTC): D0 = 2019-03-04 (a Monday), D1 = 03-05, D2 = 03-06 (nothing happens), D3 = 03-07. Rows sit on the edges
/// of days (00:00:00 and 23:59:59.999), where a local-time or off-by-one day would show.
/// </remarks>
public sealed record AnalyticsHistory(ShopCourse CourseA, Guid CourseB, string Marker, IReadOnlyList<Guid> Buyers)
{
    public static readonly DateOnly D0 = new(2019, 3, 4);
    public static DateOnly D1 => D0.AddDays(1);
    public static DateOnly D2 => D0.AddDays(2);
    public static DateOnly D3 => D0.AddDays(3);

    /// <summary>The buyers' display names: a comma, a quote and a line break, for the CSV round trip.</summary>
    public const string TrickyName = "Ada \"Quoted\" Byte, Jr.";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (SystemFixture System, AnalyticsHistory History)? _written;

    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0, int second = 0, int millisecond = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute, second, millisecond)), TimeSpan.Zero);

    /// <summary>Writes the history once per system (every test of the class reads the same one).</summary>
    public static async Task<AnalyticsHistory> EnsureAsync(SystemFixture system)
    {
        await Gate.WaitAsync();
        try
        {
            if (_written is { } done && done.System == system)
            {
                return done.History;
            }
            var history = await WriteAsync(system);
            _written = (system, history);
            return history;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<AnalyticsHistory> WriteAsync(SystemFixture system)
    {
        var marker = "analytics-" + Guid.NewGuid().ToString("N")[..8];
        var courseA = await system.PublishedCourseAsync($"Analytics A {marker}", 10000);
        var courseB = await system.PublishedCourseAsync($"Analytics B {marker}", 3333, "EUR");
        await using var db = system.CreateDbContext();

        // New users: D0 two (its first and last millisecond), D1 one (its first millisecond), D2 none, D3 one.
        var joined = new[] { At(D0, 0), At(D0, 23, 59, 59, 999), At(D1, 0), At(D3, 12) };
        var buyers = joined.Select((at, i) =>
        {
            var email = $"{marker}-{i}@example.test";
            return new AppUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"{TrickyName} {i}", CreatedAt = at,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
        }).ToList();
        db.Users.AddRange(buyers);

        Order Paid(AppUser buyer, Guid course, long amount, long fee, string currency, DateTimeOffset paidAt) => new()
        {
            Id = Guid.CreateVersion7(), BuyerId = buyer.Id, CourseId = course, TeacherId = courseA.Teacher.Id, AmountMinor = amount, Currency = currency,
            PlatformFeeMinor = fee, Status = OrderStatus.Paid, CreatedAt = paidAt.AddMinutes(-1), PaidAt = paidAt,
        };
        // USD: 10000 (fee 2000) paid on D0's last second.
        var first = Paid(buyers[0], courseA.Id, 10000, 2000, "USD", At(D0, 23, 59, 59));
        // USD: 5000 (fee 1000) paid on D1's first second, refunded in full on D3 (the fee goes back with it on D3).
        var refunded = Paid(buyers[1], courseA.Id, 5000, 1000, "USD", At(D1, 0, 0, 1));
        refunded.Status = OrderStatus.Refunded;
        refunded.RefundedMinor = 5000;
        refunded.RefundRequestedAt = refunded.RefundedAt = At(D3, 10);
        // EUR: 3333 (fee 666) paid on D1, 1000 of it refunded on D3: the fee returned is 1000 × 666 / 3333 = 199.8, rounded down to 199.
        var partly = Paid(buyers[2], courseA.Id, 3333, 666, "EUR", At(D1, 12));
        partly.RefundedMinor = 1000;
        partly.RefundedAt = At(D3, 11);
        // Never paid: counts nowhere.
        var pending = Paid(buyers[3], courseA.Id, 7777, 1555, "USD", At(D1, 13));
        pending.Status = OrderStatus.Pending;
        pending.PaidAt = null;
        db.Orders.AddRange(first, refunded, partly, pending);

        // Enrollments: A on D0 (completed on D3) and D1 (revoked by the refund on D3); B on D1.
        db.Enrollments.AddRange(
            new Enrollment { Id = Guid.CreateVersion7(), UserId = buyers[0].Id, CourseId = courseA.Id, OrderId = first.Id, EnrolledAt = first.PaidAt!.Value, CompletedAt = At(D3, 8) },
            new Enrollment { Id = Guid.CreateVersion7(), UserId = buyers[1].Id, CourseId = courseA.Id, OrderId = refunded.Id, EnrolledAt = refunded.PaidAt!.Value, RevokedAt = At(D3, 10) },
            new Enrollment { Id = Guid.CreateVersion7(), UserId = buyers[2].Id, CourseId = courseB.Id, EnrolledAt = At(D1, 12) });

        // Live sessions: one group session held (started) on D3; one scheduled on D2 that never started is not held.
        db.GroupSessions.AddRange(
            new GroupSession { Id = Guid.CreateVersion7(), TeacherId = courseA.Teacher.Id, CourseId = courseA.Id, Title = $"Held {marker}", StartsAt = At(D3, 9),
                EndsAt = At(D3, 10), Capacity = 5, MeetingRoom = LiveBooking.NewMeetingRoom(), CreatedAt = At(D0, 1), StartedAt = At(D3, 9, 2), EndedAt = At(D3, 10) },
            new GroupSession { Id = Guid.CreateVersion7(), TeacherId = courseA.Teacher.Id, CourseId = courseA.Id, Title = $"Missed {marker}", StartsAt = At(D2, 9),
                EndsAt = At(D2, 10), Capacity = 5, MeetingRoom = LiveBooking.NewMeetingRoom(), CreatedAt = At(D0, 1) });
        // Course page views (as the Worker adds them from Redis; these rows are their only record): A 20 on D0 and 10 on D1,
        // B 10 on D1 — 40 in D0..D3 for 3 purchases (the orders paid on D0 and D1, refunded or not) — and A 8 on the day before D0.
        db.DailyCourseViews.AddRange(
            new CourseHub.Domain.Analytics.DailyCourseViews { Day = D0, CourseId = courseA.Id, Views = 20 },
            new CourseHub.Domain.Analytics.DailyCourseViews { Day = D1, CourseId = courseA.Id, Views = 10 },
            new CourseHub.Domain.Analytics.DailyCourseViews { Day = D1, CourseId = courseB.Id, Views = 10 },
            new CourseHub.Domain.Analytics.DailyCourseViews { Day = D0.AddDays(-1), CourseId = courseA.Id, Views = 8 });
        await db.SaveChangesAsync();
        return new AnalyticsHistory(courseA, courseB.Id, marker, buyers.Select(b => b.Id).ToList());
    }
}
