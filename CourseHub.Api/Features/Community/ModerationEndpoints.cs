using CourseHub.Api.Features.Admin;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Community;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Community;

public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Content with this many open reports is hidden until an admin looks at it.</summary>
    public int HideThreshold { get; set; } = 3;
}

/// <summary>
/// Reports and the admin's moderation queue. Anyone signed in reports a review, question, reply, lesson or blog comment, or chat message (a
/// message only by its conversation's participants); content with <see cref="ModerationOptions.HideThreshold"/> open
/// reports is hidden at once. The admin dismisses (and unhides), hides, deletes, warns or bans the author; the author is
/// told why, and every decision is audited.
/// </summary>
public static class ModerationEndpoints
{
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section))
            .Validate(o => o.HideThreshold >= 1, "Moderation:HideThreshold must be 1 or more.").ValidateOnStart();
        return services.AddScoped<ModeratedContent>();
    }

    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/reports", ReportAsync).WithTags("Moderation").RequireAuthorization().Refuses(403, 404, 409)
            .WithSummary("Report content").WithDescription("`targetType` review, question, reply, message, comment (a lesson comment) or blogComment, `targetId` and `reason`. One open report per person and content (409 `already-reported`).");
        var admin = endpoints.MapGroup("/api/admin/moderation").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", QueueAsync).WithSummary("The moderation queue")
            .WithDescription("Reports with their content and context, oldest first; `status` open (default) or resolved; `type` one kind of content; paged. `format=csv` streams every report of the status (and type) as CSV (the report, without the content).");
        admin.MapPost("/{id:guid}/resolve", ResolveAsync).Refuses(404, 409).WithSummary("Resolve a report")
            .WithDescription("`action` dismiss (and unhide), hide, delete, warn or ban (the author), with `reason` (required except to dismiss; sent to the author). Resolves every open report of the same content.");
        return endpoints;
    }

    private static async Task<Results<Created<ReportReceipt>, ValidationProblem>> ReportAsync(ReportRequest request, HttpContext context,
        CourseHubDbContext db, ModeratedContent content, IOptions<ModerationOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var type = ReportTargets.Normalize(request.TargetType);
        if (type is null)
        {
            errors.Add("targetType", $"Use {string.Join(", ", ReportTargets.All)}.");
        }
        if (request.TargetId is not { } targetId || targetId == Guid.Empty)
        {
            errors.Add("targetId", "Name the content you report by its id.");
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "Say what is wrong with it.");
        }
        else if (reason.Length > ContentReport.MaxReasonLength)
        {
            errors.Add("reason", $"Keep the reason to {ContentReport.MaxReasonLength} characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var me = context.User.UserId()!.Value;
        var target = await content.FindAsync(type!, request.TargetId!.Value, cancellationToken)
            ?? throw Refusal.NotFound("content-not-found", "Content not found", $"There is no {type} with this id.");
        if (target.ConversationId is { } conversationId
            && !await db.Conversations.AnyAsync(c => c.Id == conversationId && (c.FirstUserId == me || c.SecondUserId == me), cancellationToken))
        {
            throw Refusal.Forbidden("not-a-participant", "Not your conversation", "Only the two people in a conversation can report its messages.");
        }
        // Lesson comments are read only by the course's people, so only they report them.
        if (type == ReportTargets.Comment && target.CourseId is { } courseId && !context.User.IsInRole(Roles.Admin)
            && !await db.Courses.AnyAsync(c => c.Id == courseId && c.TeacherId == me, cancellationToken)
            && !await db.Enrollments.AnyAsync(e => e.CourseId == courseId && e.UserId == me && e.RevokedAt == null, cancellationToken))
        {
            throw Refusal.Forbidden("not-a-participant", "Not your course", "Only the course's students, its teacher and admins can report its lesson comments.");
        }
        var report = new ContentReport
        {
            Id = Guid.CreateVersion7(), TargetType = type!, TargetId = target.Id, ReporterId = me, Reason = reason!, CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO content_reports (id, target_type, target_id, reporter_id, reason, created_at)
            VALUES ({report.Id}, {report.TargetType}, {report.TargetId}, {me}, {report.Reason}, {report.CreatedAt})
            ON CONFLICT (target_type, target_id, reporter_id) WHERE resolved_at IS NULL DO NOTHING
            """, cancellationToken);
        if (added == 0)
        {
            throw Refusal.Conflict("already-reported", "You have reported this already", "An admin will look at your report.");
        }
        var open = await db.ContentReports.CountAsync(r => r.TargetType == type && r.TargetId == target.Id && r.ResolvedAt == null, cancellationToken);
        var hidden = target.Hidden;
        if (!hidden && open >= options.Value.HideThreshold && await content.SetHiddenAsync(target, true, cancellationToken))
        {
            hidden = true;
            // Recorded with the reporter whose report reached the threshold as the one who acted.
            db.Record(clock, context.User, "content.hidden-by-reports", $"{type} {target.Id}: {open} open reports");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await content.AfterChangeAsync(target, cancellationToken);
        return TypedResults.Created($"/api/reports/{report.Id}", new ReportReceipt(report.Id, report.TargetType, report.TargetId, hidden));
    }

    private static async Task<Results<Ok<PagedResult<ModerationItem>>, CsvFile, ValidationProblem>> QueueAsync(string? status, string? type, int? page, int? pageSize,
        string? format, CourseHubDbContext db, ModeratedContent content, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var errors = new Dictionary<string, List<string>>();
        var csv = CsvFile.Wants(format, errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }
        var resolved = string.Equals(status, "resolved", StringComparison.OrdinalIgnoreCase);
        var reports = db.ContentReports.AsNoTracking().Where(r => resolved ? r.ResolvedAt != null : r.ResolvedAt == null);
        if (!string.IsNullOrEmpty(type))
        {
            var targetType = ReportTargets.Normalize(type);
            if (targetType is null)
            {
                return Problems.Field("type", $"Use {string.Join(", ", ReportTargets.All)}.");
            }
            reports = reports.Where(r => r.TargetType == targetType);
        }
        if (csv)
        {
            var all = (resolved ? reports.OrderByDescending(r => r.ResolvedAt) : reports.OrderBy(r => r.CreatedAt)).ThenBy(r => r.Id)
                .Select(r => new { Report = r, Reporter = db.Users.Where(u => u.Id == r.ReporterId).Select(u => u.Email).FirstOrDefault() }).AsAsyncEnumerable();
            return CsvFile.Of("moderation.csv", all, ("id", r => r.Report.Id), ("targetType", r => r.Report.TargetType), ("targetId", r => r.Report.TargetId),
                ("reporterId", r => r.Report.ReporterId), ("reporterEmail", r => r.Reporter), ("reason", r => r.Report.Reason), ("createdAt", r => r.Report.CreatedAt),
                ("resolvedAt", r => r.Report.ResolvedAt), ("resolution", r => r.Report.Resolution), ("resolutionReason", r => r.Report.ResolutionReason));
        }
        // One row per piece of content: several reports of one review are one decision for the admin (resolving any of
        // them resolves them all, with the same time), so the queue shows the first of them with every reason in it.
        reports = reports.Where(r => !db.ContentReports.Any(other => other.TargetType == r.TargetType && other.TargetId == r.TargetId
            && other.ResolvedAt == r.ResolvedAt && (other.CreatedAt < r.CreatedAt || (other.CreatedAt == r.CreatedAt && other.Id.CompareTo(r.Id) < 0))));
        var total = await reports.CountAsync(cancellationToken);
        var rows = await (resolved ? reports.OrderByDescending(r => r.ResolvedAt) : reports.OrderBy(r => r.CreatedAt)).ThenBy(r => r.Id)
            .Skip((number - 1) * size).Take(size)
            .Select(r => new { Report = r, Reporter = db.Users.Where(u => u.Id == r.ReporterId).Select(u => u.DisplayName).First() })
            .ToListAsync(cancellationToken);
        var items = new List<ModerationItem>();
        foreach (var row in rows)
        {
            items.Add(await content.ItemAsync(row.Report, row.Reporter, cancellationToken));
        }
        return TypedResults.Ok(new PagedResult<ModerationItem>(items, total, number, size));
    }

    private static async Task<Results<Ok<ModerationItem>, ValidationProblem>> ResolveAsync(Guid id, ResolveReportRequest request, HttpContext context,
        CourseHubDbContext db, ModeratedContent content, UserManager<Domain.Identity.AppUser> users, UserBans bans, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var action = request.Action?.Trim().ToLowerInvariant();
        var reason = request.Reason?.Trim();
        var errors = new Problems.Errors();
        if (action is null || !ModerationActions.All.Contains(action))
        {
            errors.Add("action", $"Use {string.Join(", ", ModerationActions.All)}.");
        }
        else if (action != ModerationActions.Dismiss && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "Say why: the author is told.");
        }
        if (reason is { Length: > ContentReport.MaxReasonLength })
        {
            errors.Add("reason", $"Keep the reason to {ContentReport.MaxReasonLength} characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var report = await db.ContentReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw Refusal.NotFound("report-not-found", "Report not found", "There is no report with this id.");
        if (report.ResolvedAt is not null)
        {
            throw Refusal.Conflict("already-resolved", "This report is resolved", $"It was resolved: {report.Resolution}.");
        }
        var target = await content.FindAsync(report.TargetType, report.TargetId, cancellationToken);
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.ContentReports.Where(r => r.TargetType == report.TargetType && r.TargetId == report.TargetId && r.ResolvedAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(r => r.ResolvedAt, now).SetProperty(r => r.ResolvedById, context.User.UserId())
                    .SetProperty(r => r.Resolution, action).SetProperty(r => r.ResolutionReason, reason), cancellationToken);
            if (target is not null)
            {
                switch (action)
                {
                    case ModerationActions.Dismiss:
                        await content.SetHiddenAsync(target, false, cancellationToken);
                        break;
                    case ModerationActions.Hide or ModerationActions.Ban:
                        await content.SetHiddenAsync(target, true, cancellationToken);
                        break;
                    case ModerationActions.Delete:
                        await content.DeleteAsync(target, cancellationToken);
                        break;
                }
                if (action != ModerationActions.Dismiss)
                {
                    db.Notify(target.AuthorId, NotificationKinds.Moderation, Outcome(action!, report.TargetType), reason!, target.Link, clock);
                }
            }
            db.Record(clock, context.User, $"moderation.{action}", $"{report.TargetType} {report.TargetId}: {reason ?? "no reason given"}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (target is not null)
        {
            await content.AfterChangeAsync(target, cancellationToken);
            if (action == ModerationActions.Ban && await users.FindByIdAsync(target.AuthorId.ToString()) is { } author && author.Id != context.User.UserId())
            {
                await bans.BanAsync(author, context.User, reason, cancellationToken);
            }
        }
        var resolved = await db.ContentReports.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        var reporter = await db.Users.Where(u => u.Id == resolved.ReporterId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return TypedResults.Ok(await content.ItemAsync(resolved, reporter, cancellationToken));
    }

    private static string Outcome(string action, string targetType)
    {
        // The notification speaks of the content as people call it, not by its wire name.
        var type = targetType switch
        {
            ReportTargets.BlogComment => "blog comment",
            ReportTargets.Comment => "lesson comment",
            ReportTargets.Message => "chat message",
            _ => targetType,
        };
        return action switch
        {
            ModerationActions.Hide => $"Your {type} was hidden by a moderator",
            ModerationActions.Delete => $"Your {type} was removed by a moderator",
            ModerationActions.Ban => "Your account was banned",
            _ => $"A moderator's warning about your {type}",
        };
    }
}
