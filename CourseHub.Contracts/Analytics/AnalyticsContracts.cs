namespace CourseHub.Contracts.Analytics;

// Days are UTC dates. Money is integer minor units per currency and never summed across currencies: gross = what buyers
// paid, refunds = what was refunded, net = gross − refunds, fee = the platform's fee on net; teachers earn net − fee.

/// <summary>One currency's money over a period.</summary>
public sealed record CurrencyRevenue(string Currency, long Gross, long Fee, long Refunds, long Net);

/// <summary>
/// The dashboard's figures of one period (<c>From</c> to <c>To</c>, both included). <c>CourseViews</c> counts course landing
/// pages shown, <c>Purchases</c> orders paid (refunded ones included: they were bought), and <c>Conversion</c> is purchases ÷
/// views (null without views).
/// </summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To, IReadOnlyList<CurrencyRevenue> Revenue, int NewUsers, int ActiveLearners,
    int Enrollments, int Completions, int LiveSessions, int OpenReports, long CourseViews, int Purchases, double? Conversion);

/// <summary>The period asked for and the one of the same length just before it.</summary>
public sealed record AnalyticsSummary(DateOnly From, DateOnly To, IReadOnlyList<CurrencyRevenue> Revenue, int NewUsers, int ActiveLearners,
    int Enrollments, int Completions, int LiveSessions, int OpenReports, long CourseViews, int Purchases, double? Conversion, AnalyticsPeriod Previous);

/// <summary>A month (<c>2026-03</c>) or year (<c>2026</c>) of one currency's money.</summary>
public sealed record RevenuePoint(string Period, string Currency, long Gross, long Fee, long Refunds, long Net);

public sealed record NewUsersPoint(DateOnly Date, int NewUsers);

/// <summary>A month (<c>2026-03</c>).</summary>
public sealed record EnrollmentsPoint(string Period, int Enrollments);

/// <summary>A week, named by its Monday (<c>2026-11-30</c>).</summary>
public sealed record SessionsPoint(string Period, int Sessions);

public sealed record CourseNet(string Currency, long Net);

/// <summary>A course's figures over the period; <c>Conversion</c> = purchases ÷ landing-page views (null without views).</summary>
public sealed record TopCourse(Guid CourseId, string Title, int Enrollments, IReadOnlyList<CourseNet> Revenue, long Views, int Purchases, double? Conversion);

/// <summary>What a rebuild recomputed and how long it took.</summary>
public sealed record AnalyticsRebuild(int Days, DateOnly? RolledUpThrough, long ElapsedMilliseconds);

/// <summary>One currency of a teacher's course: the platform's fee and the teacher's earnings (net − fee).</summary>
public sealed record TeacherRevenue(string Currency, long Gross, long Refunds, long Net, long Fee, long Earnings);

/// <summary>
/// A teacher's course over the period: new enrollments and completions, its revenue; the completion rate (of every
/// enrollment so far, the share completed), the average rating (of visible reviews) and the quiz pass rate (of the
/// period's attempts on its quizzes).
/// </summary>
public sealed record TeacherCourseAnalytics(Guid CourseId, string Title, string Slug, int Enrollments, int Completions, double? CompletionRate,
    decimal? AverageRating, int RatingCount, int QuizAttempts, double? QuizPassRate, IReadOnlyList<TeacherRevenue> Revenue);

/// <summary>A live class of the teacher's in the period: a one-to-one booking or a group session, held when started in the live room.</summary>
public sealed record TeacherLiveSession(Guid Id, string Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Attendees);

public sealed record TeacherAnalytics(DateOnly From, DateOnly To, IReadOnlyList<TeacherCourseAnalytics> Courses, IReadOnlyList<TeacherLiveSession> LiveSessions);
