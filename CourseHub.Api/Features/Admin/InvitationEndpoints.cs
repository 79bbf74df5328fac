using System.Security.Cryptography;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.RateLimiting;
using CourseHub.Authentication;
using CourseHub.Contracts.Admin;
using CourseHub.Contracts.Auth;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.Admin;

/// <summary>
/// "Add member" by email: an admin invites an address with a name and a role; the invitee's email carries a single-use link
/// that expires (<c>Invitations:Lifetime</c>, 7 days by default) and, once a password is chosen, creates the account (its
/// address confirmed by the link) and signs in. Until then the invitation is pending: listed, revocable, resendable (a
/// resend makes a new link and the old one stops working). Admin actions are audited; the email goes through the outbox.
/// </summary>
public static class InvitationEndpoints
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/invitations").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", ListAsync).WithSummary("List invitations")
            .WithDescription("`status=pending` (the default: neither accepted nor revoked, expired ones included and marked `expired`), `accepted`, `revoked` or `all`; newest first, at most 200.");
        admin.MapPost("", InviteAsync).WithSummary("Invite a member by email")
            .WithDescription("Emails `email` a single-use link to join as `displayName` with `role` (Student, Teacher or Admin). An address with an account is a 409 `email-registered`, one with a pending invitation a 409 `already-invited` (resend that one); both name `email`.");
        admin.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an invitation")
            .WithDescription("Its link stops working. An accepted invitation is a 409 `already-accepted`; revoking twice is no error.");
        admin.MapPost("/{id:guid}/resend", ResendAsync).WithSummary("Resend an invitation")
            .WithDescription("Emails a new link with a new expiry; the previous link stops working. Only pending (or expired) invitations: otherwise a 409 `not-pending`.");

        var invitee = endpoints.MapGroup("/api/invitations").WithTags("Auth").RequireRateLimiting(AuthRateLimitPolicy.Name);
        invitee.MapPost("/lookup", LookupAsync).WithSummary("Read an invitation")
            .WithDescription("What the link's `token` offers (email, name, role, expiry); a used, revoked, replaced or expired link is a 400 naming `token`.");
        invitee.MapPost("/accept", AcceptAsync).WithSummary("Accept an invitation")
            .WithDescription("Creates the account with `password` (its email confirmed by the link) and the invited role, and signs in: the answer is a token pair. The link works once.");
        return endpoints;
    }

    private static NotFoundProblem InvitationNotFound() => Problems.NotFound("Invitation not found", "There is no invitation with this id.");

    private static ConflictProblem EmailRegistered() => Problems.Conflict("Email already registered",
        "An account with this email address exists already; change its role on the users page instead.", "email-registered",
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["An account with this email address exists already."] } });

    private static ConflictProblem AlreadyInvited() => Problems.Conflict("Already invited",
        "This address has a pending invitation; resend or revoke it.", "already-invited",
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["This address has a pending invitation already."] } });

    private static ValidationProblem BadToken() => Problems.Field("token", "This invitation link is invalid, used, replaced or expired. Ask an administrator for a new one.");

    private static async Task<Results<Ok<List<AdminInvitation>>, ValidationProblem>> ListAsync(string? status, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var query = db.Invitations.AsNoTracking();
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "pending":
                query = query.Where(i => i.AcceptedAt == null && i.RevokedAt == null);
                break;
            case "accepted":
                query = query.Where(i => i.AcceptedAt != null);
                break;
            case "revoked":
                query = query.Where(i => i.RevokedAt != null);
                break;
            case "all":
                break;
            default:
                return Problems.Field("status", "Use pending (the default), accepted, revoked or all.");
        }
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(200).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(rows.Select(i => View(i, now)).ToList());
    }

    private static async Task<Results<Created<AdminInvitation>, ValidationProblem, ConflictProblem>> InviteAsync(InviteMemberRequest request, HttpContext context,
        UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim();
        var displayName = request.DisplayName?.Trim();
        var role = Roles.Parse(request.Role);
        var errors = new Problems.Errors();
        if (!IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
        }
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 100)
        {
            errors.Add("displayName", "Enter a name of 1 to 100 characters.");
        }
        if (role is null)
        {
            errors.Add("role", "Choose Student, Teacher or Admin.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await users.FindByEmailAsync(email!) is not null)
        {
            return EmailRegistered();
        }
        var normalized = users.NormalizeEmail(email!);
        if (await db.Invitations.AnyAsync(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken))
        {
            return AlreadyInvited();
        }
        var now = clock.GetUtcNow();
        var token = NewToken();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(), Email = email!, NormalizedEmail = normalized, DisplayName = displayName!, Role = role!, TokenHash = TokenService.Hash(token),
            InvitedById = context.User.UserId() ?? Guid.Empty, CreatedAt = now, SentAt = now, ExpiresAt = now + Lifetime(configuration), SendCount = 1,
        };
        db.Invitations.Add(invitation);
        db.AddIntegrationEvent(emails.Invitation(invitation.Email, invitation.DisplayName, invitation.Role, await InviterNameAsync(context, users), token, invitation.ExpiresAt), clock);
        db.Record(clock, context.User, "invitation.created", $"{invitation.Email} as {invitation.Role}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another admin invited the same address at the same moment.
            return AlreadyInvited();
        }
        return TypedResults.Created($"/api/admin/invitations/{invitation.Id}", View(invitation, now));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem>> RevokeAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null)
        {
            return InvitationNotFound();
        }
        if (invitation.AcceptedAt is not null)
        {
            return Problems.Conflict("Already accepted", "The invitation was accepted: the account exists (ban it or change its role instead).", "already-accepted");
        }
        if (invitation.RevokedAt is null)
        {
            invitation.RevokedAt = clock.GetUtcNow();
            db.Record(clock, context.User, "invitation.revoked", invitation.Email);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AdminInvitation>, NotFoundProblem, ConflictProblem>> ResendAsync(Guid id, HttpContext context, UserManager<AppUser> users,
        CourseHubDbContext db, AccountEmails emails, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null)
        {
            return InvitationNotFound();
        }
        if (invitation.AcceptedAt is not null || invitation.RevokedAt is not null)
        {
            return Problems.Conflict("Not pending", "Only a pending or expired invitation can be sent again.", "not-pending");
        }
        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            return EmailRegistered();
        }
        var now = clock.GetUtcNow();
        var token = NewToken();
        invitation.TokenHash = TokenService.Hash(token);
        invitation.SentAt = now;
        invitation.ExpiresAt = now + Lifetime(configuration);
        invitation.SendCount++;
        db.AddIntegrationEvent(emails.Invitation(invitation.Email, invitation.DisplayName, invitation.Role, await InviterNameAsync(context, users), token, invitation.ExpiresAt), clock);
        db.Record(clock, context.User, "invitation.resent", invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(invitation, now));
    }

    private static async Task<Results<Ok<InvitationPreview>, ValidationProblem>> LookupAsync(InvitationTokenRequest request, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var invitation = await PendingAsync(db, request.Token, clock.GetUtcNow(), cancellationToken);
        return invitation is null
            ? BadToken()
            : TypedResults.Ok(new InvitationPreview(invitation.Email, invitation.DisplayName, invitation.Role, invitation.ExpiresAt));
    }

    private static async Task<Results<Ok<TokenPair>, ValidationProblem, ConflictProblem>> AcceptAsync(AcceptInvitationRequest request, UserManager<AppUser> users,
        CourseHubDbContext db, TokenService tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.Field("password", "Choose a password.");
        }
        var now = clock.GetUtcNow();
        var invitation = await PendingAsync(db, request.Token, now, cancellationToken);
        if (invitation is null)
        {
            return BadToken();
        }
        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            return EmailRegistered();
        }
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = invitation.Email, Email = invitation.Email, DisplayName = invitation.DisplayName, CreatedAt = now,
            // The link reached this address: that is what an activation email proves.
            EmailConfirmed = true,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async Task<Results<Ok<TokenPair>, ValidationProblem, ConflictProblem>?> () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Single use: the one request that marks it accepted (still pending, unexpired, this very link) creates the account.
            var hash = invitation.TokenHash;
            var claimed = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedUserId, user.Id), cancellationToken);
            if (claimed == 0)
            {
                return BadToken();
            }
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return created.Errors.Any(error => error.Code is "DuplicateEmail" or "DuplicateUserName") ? EmailRegistered() : Problems.FromIdentity(created);
            }
            await users.AddToRoleAsync(user, invitation.Role);
            await transaction.CommitAsync(cancellationToken);
            return null;
        });
        if (outcome is not null)
        {
            return outcome;
        }
        return TypedResults.Ok(await tokens.IssueAsync(user, [invitation.Role], cancellationToken));
    }

    /// <summary>The pending, unexpired invitation whose current link carries <paramref name="token"/>.</summary>
    private static async Task<Invitation?> PendingAsync(CourseHubDbContext db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = TokenService.Hash(token.Trim());
        return await db.Invitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
    }

    private static AdminInvitation View(Invitation i, DateTimeOffset now) => new(i.Id, i.Email, i.DisplayName, i.Role,
        i.AcceptedAt is not null ? "accepted" : i.RevokedAt is not null ? "revoked" : i.ExpiresAt <= now ? "expired" : "pending",
        i.CreatedAt, i.SentAt, i.ExpiresAt, i.SendCount, i.AcceptedAt, i.RevokedAt);

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static TimeSpan Lifetime(IConfiguration configuration) =>
        configuration.GetValue<TimeSpan?>("Invitations:Lifetime") is { } lifetime && lifetime > TimeSpan.Zero ? lifetime : DefaultLifetime;

    private static async Task<string> InviterNameAsync(HttpContext context, UserManager<AppUser> users) =>
        context.User.UserId() is { } id && await users.FindByIdAsync(id.ToString()) is { } admin ? admin.DisplayName : "An administrator";

    private static bool IsEmail(string? value) =>
        value is { Length: > 0 and <= 256 } && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
