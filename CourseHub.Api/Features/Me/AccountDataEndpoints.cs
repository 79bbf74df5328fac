using CourseHub.Api.Features.Auth.Google;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Account;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.Me;

/// <summary>
/// The user's own data leaving with them: a copy of it (prepared by the Worker and emailed as a short-lived link), and
/// deleting the account (sessions end at once; the Worker erases the personal data after the grace period).
/// </summary>
public static class AccountDataEndpoints
{
    public static IEndpointRouteBuilder MapAccountDataEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapPost("/export", RequestExportAsync).WithSummary("Export my data")
            .WithDescription("Ask for a copy of my data (a zip of JSON files). The Worker prepares it and emails a short-lived download link; one export is prepared at a time (409 `export-pending`).");
        me.MapGet("/export", LatestExportAsync).WithSummary("My latest data export")
            .WithDescription("The latest data export and its state; once ready, with a fresh download link of 15 minutes.");
        me.MapPost("/delete", DeleteAccountAsync).WithSummary("Delete my account")
            .Refuses(StatusCodes.Status403Forbidden)
            .WithDescription("Delete the account, confirmed with the current password (an account without one: `googleProof` from a fresh Google sign-in, `POST /api/me/reauth/google`): "
                + "every session and realtime connection ends at once and sign-in stops working; the personal data is erased after the grace period, until which the emailed link keeps the account. "
                + "Refused (409) while the user teaches published courses or has payouts pending.");
        endpoints.MapPost("/api/account/restore", RestoreAccountAsync).WithTags("Me").AllowAnonymous()
            .RequireRateLimiting(Infrastructure.RateLimiting.AuthRateLimitPolicy.Name).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Keep my deleted account")
            .WithDescription("With the token of the deletion email's \"keep my account\" link, within the grace period: the pending erasure is cancelled and the account signs in again. "
                + "The link works once; afterwards, after the grace period or after the erasure it is refused (409 `restore-link-used`, `restore-link-expired`, `account-erased`).");
        return endpoints;
    }

    private static UnauthorizedProblem NoAccount() => Problems.Unauthorized("Account not found", "Sign in again.");

    private static async Task<Results<Accepted<DataExportResponse>, UnauthorizedProblem, ConflictProblem>> RequestExportAsync(HttpContext context, CourseHubDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId || !await db.Users.AnyAsync(u => u.Id == userId && u.DeletionRequestedAt == null, cancellationToken))
        {
            return NoAccount();
        }
        var pending = Problems.Conflict("An export is being prepared",
            "Your previous data export is still being prepared. We email you the link as soon as it is ready.", "export-pending");
        if (await db.DataExports.AnyAsync(e => e.UserId == userId && e.Status == DataExportStatus.Pending, cancellationToken))
        {
            return pending;
        }
        var export = new DataExport { Id = Guid.CreateVersion7(), UserId = userId, Status = DataExportStatus.Pending, RequestedAt = clock.GetUtcNow() };
        db.DataExports.Add(export);
        db.AddIntegrationEvent(new DataExportRequested(export.Id, userId), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return pending; // Two requests at once: the partial unique index let one through.
        }
        return TypedResults.Accepted((string?)null, Describe(export, null));
    }

    private static async Task<Results<Ok<DataExportResponse>, NotFoundProblem, UnauthorizedProblem>> LatestExportAsync(HttpContext context, CourseHubDbContext db,
        BlobUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId)
        {
            return NoAccount();
        }
        var export = await db.DataExports.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (export is null)
        {
            return Problems.NotFound("No data export", "You have not asked for a copy of your data yet.");
        }
        if (export is { Status: DataExportStatus.Ready, ExpiresAt: { } expiresAt } && expiresAt <= clock.GetUtcNow())
        {
            export.Status = DataExportStatus.Expired; // The Worker deletes the archive soon; until then it is already out of reach.
        }
        string? url = null;
        if (export is { Status: DataExportStatus.Ready, BlobName: { } blobName })
        {
            url = (await urls.ReadUrlAsync(DataExport.Container, blobName,
                new DownloadAs($"coursehub-data-{export.RequestedAt:yyyy-MM-dd}.zip", "application/zip"), cancellationToken)).ToString();
        }
        return TypedResults.Ok(Describe(export, url));
    }

    private static DataExportResponse Describe(DataExport export, string? url) =>
        new(export.Id, export.Status.ToString().ToLowerInvariant(), export.RequestedAt, export.ReadyAt, export.ExpiresAt, export.SizeBytes, url);

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem, UnauthorizedProblem, ForbiddenProblem, ConflictProblem>> DeleteAccountAsync(
        DeleteAccountRequest request, HttpContext context, UserManager<AppUser> users, CourseHubDbContext db, TokenService tokens, AccountEmails emails,
        GoogleReauthProofs googleProofs, AccountRestoreLinks restoreLinks, ShutOutUsers shutOut, IConfiguration configuration, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { DeletionRequestedAt: null } user)
        {
            return NoAccount();
        }
        if (await users.HasPasswordAsync(user))
        {
            if (string.IsNullOrEmpty(request.Password))
            {
                return Problems.Field("password", "Enter your password to confirm the deletion.");
            }
            if (!await users.CheckPasswordAsync(user, request.Password))
            {
                await users.AccessFailedAsync(user); // Counted towards the lockout, as a sign-in would be.
                return Problems.Field("password", "The password is not correct.");
            }
        }
        else
        {
            // No password to re-enter: a Google sign-in made just now (max_age=0) proves it is them. The proof is spent here.
            if (string.IsNullOrEmpty(request.GoogleProof))
            {
                return Problems.Field("googleProof", "Sign in with Google again to confirm the deletion.");
            }
            if (!await googleProofs.SpendAsync(request.GoogleProof, user.Id))
            {
                return Problems.Forbidden("Sign in with Google again",
                    "The Google confirmation has expired, was already used or belongs to another account. Sign in with Google again to confirm the deletion.",
                    new Dictionary<string, object?>
                    {
                        ["code"] = Contracts.Auth.ExternalSignInCodes.ReauthRequired,
                        ["errors"] = new Dictionary<string, string[]> { ["googleProof"] = ["The Google confirmation has expired or was already used."] },
                    });
            }
        }
        if (await TeachingObstacleAsync(user.Id, db, configuration, clock, cancellationToken) is { } obstacle)
        {
            return obstacle;
        }

        // Whole milliseconds, as PostgreSQL keeps them, so the restore link's moment matches the stored one.
        var now = clock.GetUtcNow();
        user.DeletionRequestedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        db.Record(clock, context.User, "account.deletion-requested", "The user deleted their own account; erasure follows after the grace period.", user);
        if (user.Email is { } email)
        {
            db.AddIntegrationEvent(emails.AccountDeleted(email, user.DisplayName, restoreLinks.Issue(user, user.DeletionRequestedAt.Value),
                user.DeletionRequestedAt.Value + restoreLinks.GracePeriod), clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        // Every refresh token and every access token's session end now; the next request with any of them is a 401. Its open
        // realtime connections close as a banned user's do: the shut-out set every Realtime replica sweeps.
        await tokens.RevokeAllAsync(user.Id, "account-deleted", cancellationToken);
        await shutOut.UpdateAsync(user);
        return TypedResults.Accepted((string?)null, new MessageResponse("Your account is deleted. Your personal data is erased after the grace period."));
    }

    /// <summary>
    /// The deletion email's "keep my account" link: within the grace period the pending erasure is cancelled (a conditional
    /// update, so it cannot cross the Worker's erasure, which takes only accounts past the grace period) and the account signs
    /// in again with its password or Google. Every other case says clearly what happened.
    /// </summary>
    private static async Task<Results<Ok<MessageResponse>, ValidationProblem, ConflictProblem>> RestoreAccountAsync(RestoreAccountRequest request,
        HttpContext context, CourseHubDbContext db, AccountRestoreLinks links, ShutOutUsers shutOut, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            return Problems.Field("token", "The link is incomplete. Open the link from the email again.");
        }
        if (links.Read(request.Token) is not var (userId, requestedAt)
            || await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return Problems.Field("token", "This link is not valid. Open the link from the email again.");
        }
        var now = clock.GetUtcNow();
        if (user.ErasedAt is not null)
        {
            return Problems.Conflict("Account already erased",
                "The grace period has ended and this account's personal data was erased. It cannot be restored; you can sign up again with the same address.",
                RestoreAccountCodes.Erased);
        }
        if (user.DeletionRequestedAt != requestedAt)
        {
            return Problems.Conflict("Link already used",
                "This link was already used: the account was kept. Sign in as usual.", RestoreAccountCodes.Used);
        }
        if (requestedAt + links.GracePeriod <= now)
        {
            return Problems.Conflict("Link expired", "The grace period has ended; the account's personal data is being erased and it cannot be restored.",
                RestoreAccountCodes.Expired);
        }
        var cutoff = now - links.GracePeriod;
        var restored = await db.Users.Where(u => u.Id == userId && u.DeletionRequestedAt == requestedAt && u.DeletionRequestedAt > cutoff && u.ErasedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.DeletionRequestedAt, (DateTimeOffset?)null), cancellationToken);
        if (restored == 0)
        {
            return Problems.Conflict("Link already used", "This link was already used: the account was kept. Sign in as usual.", RestoreAccountCodes.Used);
        }
        user.DeletionRequestedAt = null;
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = user.Id,
            ActorEmail = user.Email ?? "",
            Action = "account.restored",
            TargetUserId = user.Id,
            TargetEmail = user.Email,
            Details = "The user kept their account with the deletion email's link, within the grace period.",
            At = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await shutOut.UpdateAsync(user);
        return TypedResults.Ok(new MessageResponse("Your account is kept. Sign in as usual."));
    }

    /// <summary>
    /// A teacher leaves only once students are not left behind: no course of theirs is published or waiting for review, and no
    /// money is still moving to them (a paid order within the refund window, or a refund under way).
    /// </summary>
    private static async Task<ConflictProblem?> TeachingObstacleAsync(Guid userId, CourseHubDbContext db, IConfiguration configuration, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var courses = await db.Courses.Where(c => c.TeacherId == userId && (c.Status == CourseStatus.Published || c.Status == CourseStatus.InReview))
            .Select(c => c.Title).OrderBy(title => title).ToListAsync(cancellationToken);
        if (courses.Count > 0)
        {
            return Problems.Conflict("Unpublish your courses first",
                $"You teach {courses.Count} published or in-review course(s) ({string.Join(", ", courses.Take(5))}). Unpublish them (or ask an admin to remove them) before deleting your account.",
                "teacher-has-published-courses", new Dictionary<string, object?> { ["courses"] = courses });
        }
        var refundWindow = TimeSpan.FromDays(configuration.GetValue("Payments:RefundWindowDays", 30));
        var since = clock.GetUtcNow() - refundWindow;
        var pendingPayouts = await db.Orders.CountAsync(o => o.TeacherId == userId
            && o.Status == OrderStatus.Paid && (o.PaidAt > since || (o.RefundRequestedAt != null && o.RefundedAt == null)), cancellationToken);
        if (pendingPayouts > 0)
        {
            return Problems.Conflict("Payouts are still pending",
                $"{pendingPayouts} sale(s) of yours are still within the {refundWindow.TotalDays:0}-day refund window or have a refund under way. Delete your account once they are settled.",
                "pending-payouts", new Dictionary<string, object?> { ["pendingOrders"] = pendingPayouts });
        }
        return null;
    }
}
