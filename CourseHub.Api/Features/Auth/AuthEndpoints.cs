using System.Text;
using CourseHub.Api.Infrastructure;
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

namespace CourseHub.Api.Features.Auth;

/// <summary>Sign-up, activation, sign-in, token refresh, sign-out and password recovery.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Every auth route may answer 429 (the rate limiter, ahead of the handler).
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(AuthRateLimitPolicy.Name)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", RegisterAsync).WithSummary("Create a Student or Teacher account; an activation email follows.");
        auth.MapPost("/confirm-email", ConfirmEmailAsync).WithSummary("Activate an account with the token from the email.");
        auth.MapPost("/resend-confirmation", ResendConfirmationAsync).WithSummary("Send the activation email again.");
        auth.MapPost("/login", LoginAsync).WithSummary("Exchange email, password (and 2FA code) for an access and a refresh token.");
        auth.MapPost("/refresh", RefreshAsync).WithSummary("Exchange a refresh token for a new pair; the old one stops working.");
        auth.MapPost("/logout", LogoutAsync).WithSummary("Revoke the session the refresh token belongs to.");
        auth.MapPost("/logout-all", LogoutAllAsync).RequireAuthorization().WithSummary("Revoke every session of the signed-in user.");
        auth.MapPost("/forgot-password", ForgotPasswordAsync).WithSummary("Email a password-reset link.");
        auth.MapPost("/reset-password", ResetPasswordAsync).WithSummary("Set a new password with the token from the email.");
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

    private static async Task<Results<Created<RegisterResponse>, ValidationProblem, ConflictProblem>> RegisterAsync(RegisterRequest request,
        UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
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
        if (await users.FindByEmailAsync(email!) is not null)
        {
            return Problems.Conflict("Email already registered",
                "An account with this email address already exists. Sign in, or reset your password if you forgot it.", "email-registered");
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = displayName!,
            CreatedAt = clock.GetUtcNow(),
        };
        // The account, its role and the activation email commit together (the email through the outbox).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async Task<Results<Created<RegisterResponse>, ValidationProblem, ConflictProblem>> () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                return created.Errors.Any(error => error.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? Problems.Conflict("Email already registered", "An account with this email address already exists.", "email-registered")
                    : Problems.FromIdentity(created);
            }
            await users.AddToRoleAsync(user, role!);
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            db.AddIntegrationEvent(emails.Confirmation(email!, user.DisplayName, user.Id, EncodeToken(token)), clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Created($"/api/users/{user.Id}",
                new RegisterResponse(user.Id, email!, "Check your inbox: we sent you a link to activate your account."));
        });
    }

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

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem>> ResendConfirmationAsync(EmailRequest request, UserManager<AppUser> users, CourseHubDbContext db,
        AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsEmail(request.Email?.Trim()))
        {
            return Problems.Field("email", "Enter a valid email address.");
        }
        // The same answer whether or not the account exists: no probing for registered addresses.
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is { EmailConfirmed: false, Email: { } email })
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            db.AddIntegrationEvent(emails.Confirmation(email, user.DisplayName, user.Id, EncodeToken(token)), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new MessageResponse("If the account exists and is not active yet, a new activation email is on its way."));
    }

    private static async Task<Results<Ok<TokenPair>, UnauthorizedProblem, ForbiddenProblem, LockedProblem>> LoginAsync(LoginRequest request, UserManager<AppUser> users, TokenService tokens,
        CancellationToken cancellationToken)
    {
        var invalid = Problems.Unauthorized("Sign-in failed", "The email or password is incorrect.");
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return invalid;
        }
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            return invalid;
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
            var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
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

    private static LockedProblem Locked(AppUser user) => new(user);

    /// <summary>423 with the time the lockout ends (also in Retry-After).</summary>
    public sealed class LockedProblem(AppUser user) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
    {
        public int? StatusCode => StatusCodes.Status423Locked;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var now = httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var seconds = user.LockoutEnd is { } end ? Math.Max(1, (int)Math.Ceiling((end - now).TotalSeconds)) : 900;
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
        if (user is null || user.BannedAt is not null)
        {
            await tokens.RevokeFamilyAsync(record.FamilyId, "banned", cancellationToken);
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

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem>> ForgotPasswordAsync(EmailRequest request, UserManager<AppUser> users, CourseHubDbContext db,
        AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsEmail(request.Email?.Trim()))
        {
            return Problems.Field("email", "Enter a valid email address.");
        }
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is { Email: { } email, BannedAt: null })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            db.AddIntegrationEvent(emails.PasswordReset(email, user.DisplayName, EncodeToken(token)), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new MessageResponse("If an account uses this address, a reset link is on its way."));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetPasswordAsync(ResetPasswordRequest request, UserManager<AppUser> users, TokenService tokens,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Field("newPassword", "Choose a new password.");
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
