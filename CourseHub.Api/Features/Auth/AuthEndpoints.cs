using System.Text;
using CourseHub.Api.Features.Auth.Google;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.AccountProtection;
using CourseHub.Api.Infrastructure.RateLimiting;
using CourseHub.Authentication;
using CourseHub.Contracts.Auth;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Messaging;
using CourseHub.Domain;
using CourseHub.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Auth;

/// <summary>Sign-up, activation, sign-in, token refresh, sign-out and password recovery.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Every auth route may answer 429 (the rate limiter, ahead of the handler).
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(AuthRateLimitPolicy.Name)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", RegisterAsync).WithSummary("Sign up").WithDescription("Create a Student or Teacher account; an activation email follows.");
        auth.MapPost("/confirm-email", ConfirmEmailAsync).WithSummary("Activate an account").WithDescription("Activate an account with the token from the email.");
        auth.MapPost("/resend-confirmation", ResendConfirmationAsync).WithSummary("Resend the activation email").WithDescription("Send the activation email again.");
        auth.MapPost("/login", LoginAsync).WithSummary("Sign in").WithDescription("Exchange email, password (and 2FA code) for an access and a refresh token.");
        auth.MapPost("/refresh", RefreshAsync).WithSummary("Refresh the tokens").WithDescription("Exchange a refresh token for a new pair; the old one stops working.");
        auth.MapPost("/logout", LogoutAsync).WithSummary("Sign out").WithDescription("Revoke the session the refresh token belongs to.");
        auth.MapPost("/logout-all", LogoutAllAsync).RequireAuthorization().WithSummary("Sign out everywhere").WithDescription("Revoke every session of the signed-in user.");
        auth.MapPost("/forgot-password", ForgotPasswordAsync).WithSummary("Request a password reset").WithDescription("Email a password-reset link.");
        auth.MapPost("/reset-password", ResetPasswordAsync).WithSummary("Reset the password").WithDescription("Set a new password with the token from the email.");
        auth.MapGoogleSignInEndpoints(endpoints);
        return endpoints;
    }

    internal static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static bool IsEmail(string? value) =>
        value is { Length: <= 256 } && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value.Trim();

    private const string RegisteredMessage = "Check your inbox: we sent you a link to activate your account.";

    /// <summary>
    /// The answer does not tell whether the address already had an account (no probing for registered addresses): a
    /// registered address gets the same 201 and body as a new one, and its owner an email saying someone tried to
    /// sign up with it; the password is hashed on both paths, so the time taken does not tell either.
    /// </summary>
    private static async Task<Results<Created<RegisterResponse>, ValidationProblem>> RegisterAsync(RegisterRequest request, HttpContext context,
        UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails, AccountGuard guard, IOptions<AccountProtectionOptions> protection,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim();
        var errors = new Problems.Errors();
        if (!IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
        }
        errors.Require("password", request.Password, "Choose a password.");
        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 100)
        {
            errors.Add("displayName", "Enter a display name of 1 to 100 characters.");
        }
        var role = Roles.Parse(request.Role);
        if (role is not (Roles.Student or Roles.Teacher))
        {
            errors.Add("role", "Choose Student or Teacher.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = displayName!,
            CreatedAt = clock.GetUtcNow(),
        };
        // The password rules first, for new and registered addresses alike (their answers must not differ).
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var validated = await validator.ValidateAsync(users, user, request.Password);
            passwordErrors.AddRange(validated.Errors);
        }
        if (passwordErrors.Count > 0)
        {
            return Problems.FromIdentity(IdentityResult.Failed([.. passwordErrors]));
        }
        var registered = TypedResults.Created((string?)null, new RegisterResponse(email!, RegisteredMessage));

        var existing = await users.FindByEmailAsync(email!);
        if (existing is not null)
        {
            // The work a new account costs (hashing its password), then a note to the owner instead of an account.
            users.PasswordHasher.HashPassword(user, request.Password!);
            if (existing.Email is { } owner && await guard.AllowMailAsync(MailKind.SignUpAttempt, owner, ClientAddress(context), protection.Value))
            {
                db.AddIntegrationEvent(emails.SignUpAttempt(owner, existing.DisplayName), clock);
                await db.SaveChangesAsync(cancellationToken);
            }
            return registered;
        }

        // The account, its role and the activation email commit together (the email through the outbox).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async Task<Results<Created<RegisterResponse>, ValidationProblem>> () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                // Registered by a request racing this one: answered like any registered address.
                return created.Errors.Any(error => error.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? registered
                    : Problems.FromIdentity(created);
            }
            await users.AddToRoleAsync(user, role!);
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            if (await guard.AllowMailAsync(MailKind.Activation, email!, null, protection.Value))
            {
                db.AddIntegrationEvent(emails.Confirmation(email!, user.DisplayName, user.Id, EncodeToken(token)), clock);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return registered;
        });
    }

    private static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static async Task<Results<NoContent, ValidationProblem>> ConfirmEmailAsync(ConfirmEmailRequest request, UserManager<AppUser> users)
    {
        var user = request.UserId is { } id ? await users.FindByIdAsync(id.ToString())
            : request.Email is { } email ? await users.FindByEmailAsync(email) : null;
        var token = request.Token is null ? null : DecodeToken(request.Token);
        if (user is null || token is null)
        {
            return Problems.Field("token", "This activation link is invalid. Ask for a new one.");
        }
        if (user.EmailConfirmed)
        {
            return TypedResults.NoContent();
        }
        var result = await users.ConfirmEmailAsync(user, token);
        return result.Succeeded
            ? TypedResults.NoContent()
            : Problems.Field("token", "This activation link is invalid or has expired. Ask for a new one.");
    }

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem>> ResendConfirmationAsync(EmailRequest request, HttpContext context,
        UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails, AccountGuard guard, IOptions<AccountProtectionOptions> protection,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsEmail(request.Email?.Trim()))
        {
            return Problems.Field("email", "Enter a valid email address.");
        }
        // The same answer whether or not the account exists: no probing for registered addresses. The mail quota is
        // counted for every address (so its cost is the same either way), and a mail over it is dropped silently.
        var address = request.Email!.Trim();
        var allowed = await guard.AllowMailAsync(MailKind.Activation, address, ClientAddress(context), protection.Value);
        var user = await users.FindByEmailAsync(address);
        if (allowed && user is { EmailConfirmed: false, Email: { } email })
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            db.AddIntegrationEvent(emails.Confirmation(email, user.DisplayName, user.Id, EncodeToken(token)), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new MessageResponse("If the account exists and is not active yet, a new activation email is on its way."));
    }

    /// <summary>
    /// Answers and takes the same whether or not the email has an account: an unknown address has its password checked
    /// against a stand-in hash and its failures counted (in Redis) to the same lockout. Each account (known or not) may
    /// try <see cref="AuthRateLimitOptions.PermitLimit"/> times per window whatever address the client claims.
    /// </summary>
    private static async Task<Results<Ok<TokenPair>, UnauthorizedProblem, ForbiddenProblem, LockedProblem, TooManyRequestsProblem>> LoginAsync(
        LoginRequest request, UserManager<AppUser> users, TokenService tokens, AccountGuard guard, IOptions<AuthRateLimitOptions> limits,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var invalid = Problems.Unauthorized("Sign-in failed", "The email or password is incorrect.");
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return invalid;
        }
        if (await AccountLimitAsync(guard, "login", request.Email, limits.Value) is { } limited)
        {
            return limited;
        }
        var user = await users.FindByEmailAsync(request.Email.Trim());
        var lockout = users.Options.Lockout;
        if (user is null)
        {
            if (await guard.UnknownAccountFailureAsync(request.Email, false, lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan) is { } locked)
            {
                return new LockedProblem(clock.GetUtcNow() + locked);
            }
            users.PasswordHasher.VerifyHashedPassword(StandInUser, StandInHash(users), request.Password);
            return await guard.UnknownAccountFailureAsync(request.Email, true, lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan) is { } lockedNow
                ? new LockedProblem(clock.GetUtcNow() + lockedNow)
                : invalid;
        }
        if (await users.IsLockedOutAsync(user) && user.BannedAt is null)
        {
            return Locked(user);
        }
        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? Locked(user) : invalid;
        }
        if (user.DeletionRequestedAt is not null)
        {
            // A deleted account answers like a wrong password: it is gone for everyone, its owner included.
            return invalid;
        }
        if (user.BannedAt is not null)
        {
            return Problems.Forbidden("Account suspended", "This account has been suspended by an administrator.");
        }
        if (!user.EmailConfirmed)
        {
            return Problems.Forbidden("Email not confirmed",
                "Activate your account with the link we emailed you first (you can ask for a new one).",
                new Dictionary<string, object?> { ["emailNotConfirmed"] = true });
        }
        if (user.TwoFactorEnabled)
        {
            var code = request.TwoFactorCode?.Replace(" ", "").Replace("-", "");
            if (string.IsNullOrEmpty(code))
            {
                return Problems.Unauthorized("Two-factor code required",
                    "Enter the 6-digit code from your authenticator app (or a recovery code).",
                    new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            }
            var valid = await OneTimeCodes.AcceptAsync(users, guard, clock, user, code)
                        || (await users.RedeemTwoFactorRecoveryCodeAsync(user, request.TwoFactorCode!.Trim())).Succeeded;
            if (!valid)
            {
                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user)
                    ? Locked(user)
                    : Problems.Unauthorized("Invalid two-factor code", "The code is not valid. Try the current one.",
                        new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            }
        }
        await users.ResetAccessFailedCountAsync(user);
        var pair = await tokens.IssueAsync(user, await users.GetRolesAsync(user), cancellationToken);
        return TypedResults.Ok(pair);
    }

    private static readonly AppUser StandInUser = new() { DisplayName = "" };
    private static string? _standInHash;

    /// <summary>A hash of a random password, made by the same hasher: checking against it costs what checking a real one does.</summary>
    private static string StandInHash(UserManager<AppUser> users) =>
        _standInHash ??= users.PasswordHasher.HashPassword(StandInUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    /// <summary>The per-account window of <paramref name="route"/>: a 429 when the account is over it, whatever the client address.</summary>
    private static async Task<TooManyRequestsProblem?> AccountLimitAsync(AccountGuard guard, string route, string email, AuthRateLimitOptions limits) =>
        await guard.CountAccountRequestAsync(route, email, Math.Max(1, limits.PermitLimit), TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)))
            is { } retryAfter
            ? new TooManyRequestsProblem(retryAfter, "Too many attempts for this account.")
            : null;

    private static LockedProblem Locked(AppUser user) => new(user.LockoutEnd);

    /// <summary>423 with the time the lockout ends (also in Retry-After).</summary>
    public sealed class LockedProblem(DateTimeOffset? lockoutEnd) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
    {
        public int? StatusCode => StatusCodes.Status423Locked;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var now = httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var seconds = lockoutEnd is { } end ? Math.Max(1, (int)Math.Ceiling((end - now).TotalSeconds)) : 900;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                detail: $"Too many failed attempts. Try again in {Math.Ceiling(seconds / 60.0)} minutes or reset your password.").ExecuteAsync(httpContext);
        }

        public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status423Locked, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails),
                ["application/problem+json"]));
    }

    private static async Task<Results<Ok<TokenPair>, UnauthorizedProblem>> RefreshAsync(RefreshRequest request, TokenService tokens, UserManager<AppUser> users,
        CancellationToken cancellationToken)
    {
        var rejected = Problems.Unauthorized("Session expired", "Sign in again.");
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return rejected;
        }
        var (outcome, record) = await tokens.ConsumeAsync(request.RefreshToken, cancellationToken);
        if (outcome != TokenService.RotationOutcome.Rotated || record is null)
        {
            return rejected;
        }
        var user = await users.FindByIdAsync(record.UserId.ToString());
        if (user is null || user.BannedAt is not null || user.DeletionRequestedAt is not null)
        {
            await tokens.RevokeFamilyAsync(record.FamilyId, user?.DeletionRequestedAt is not null ? "account-deleted" : "banned", cancellationToken);
            return rejected;
        }
        return TypedResults.Ok(await tokens.IssueAsync(user, await users.GetRolesAsync(user), record.FamilyId, cancellationToken));
    }

    private static async Task<NoContent> LogoutAsync(RefreshRequest request, CourseHubDbContext db, TokenService tokens, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            var hash = TokenService.Hash(request.RefreshToken);
            var family = await db.RefreshTokens.Where(token => token.TokenHash == hash).Select(token => (Guid?)token.FamilyId).SingleOrDefaultAsync(cancellationToken);
            if (family is { } familyId)
            {
                await tokens.RevokeFamilyAsync(familyId, "logout", cancellationToken);
            }
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, UnauthorizedProblem>> LogoutAllAsync(HttpContext context, TokenService tokens, CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId)
        {
            return Problems.Unauthorized("Not signed in");
        }
        await tokens.RevokeAllAsync(userId, "logout-all", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem, TooManyRequestsProblem>> ForgotPasswordAsync(EmailRequest request,
        HttpContext context, UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails, AccountGuard guard,
        IOptions<AccountProtectionOptions> protection, IOptions<AuthRateLimitOptions> limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsEmail(request.Email?.Trim()))
        {
            return Problems.Field("email", "Enter a valid email address.");
        }
        var address = request.Email!.Trim();
        if (await AccountLimitAsync(guard, "forgot-password", address, limits.Value) is { } limited)
        {
            return limited;
        }
        // As for the activation mail: the quota is counted for every address, a mail over it is dropped silently.
        var allowed = await guard.AllowMailAsync(MailKind.PasswordReset, address, ClientAddress(context), protection.Value);
        var user = await users.FindByEmailAsync(address);
        if (allowed && user is { Email: { } email, BannedAt: null, DeletionRequestedAt: null })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            db.AddIntegrationEvent(emails.PasswordReset(email, user.DisplayName, EncodeToken(token)), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new MessageResponse("If an account uses this address, a reset link is on its way."));
    }

    private static async Task<Results<NoContent, ValidationProblem, TooManyRequestsProblem>> ResetPasswordAsync(ResetPasswordRequest request,
        UserManager<AppUser> users, TokenService tokens, AccountGuard guard, IOptions<AuthRateLimitOptions> limits, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Field("newPassword", "Choose a new password.");
        }
        if (!string.IsNullOrWhiteSpace(request.Email) && await AccountLimitAsync(guard, "reset-password", request.Email, limits.Value) is { } limited)
        {
            return limited;
        }
        var user = request.Email is null ? null : await users.FindByEmailAsync(request.Email.Trim());
        var token = request.Token is null ? null : DecodeToken(request.Token);
        if (user is null || token is null)
        {
            return Problems.Field("token", "This reset link is invalid or has expired. Ask for a new one.");
        }
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(error => error.Code == "InvalidToken")
                ? Problems.Field("token", "This reset link is invalid or has expired. Ask for a new one.")
                : Problems.FromIdentity(result, "newPassword");
        }
        // A reset ends every session, and clears a lockout so the owner can sign in right away.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await tokens.RevokeAllAsync(user.Id, "password-reset", cancellationToken);
        return TypedResults.NoContent();
    }
}
