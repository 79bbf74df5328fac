namespace CourseHub.Contracts.Community;

/// <summary>Reporting content: <c>targetType</c> review, question, reply, message, comment (a lesson comment) or blogComment, the target's id and why.</summary>
public sealed record ReportRequest(string? TargetType, Guid? TargetId, string? Reason);

public sealed record ReportReceipt(Guid Id, string TargetType, Guid TargetId, bool Hidden);

/// <summary>An admin's decision on a report: dismiss, hide, delete, warn or ban, with the reason the author is sent.</summary>
public sealed record ResolveReportRequest(string? Action, string? Reason);

public sealed record ModerationAuthor(Guid Id, string DisplayName, string Email, bool Banned);

/// <summary>
/// A report in the admin's queue with its context: the content as written (or null once deleted), its author, where it
/// is (a Web path), how many open reports it has and every open report's reason.
/// </summary>
public sealed record ModerationItem(
    Guid Id,
    string TargetType,
    Guid TargetId,
    string Reason,
    string ReporterName,
    DateTimeOffset ReportedAt,
    string? Content,
    ModerationAuthor? Author,
    string? Context,
    string? Link,
    bool Hidden,
    int OpenReports,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    string? ResolutionReason);
