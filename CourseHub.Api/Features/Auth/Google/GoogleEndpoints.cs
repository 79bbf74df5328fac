using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.AccountProtection;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Auth;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Messaging;
using CourseHub.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Auth.Google;

/// <summary>
/// Sign-in with Google (OpenID Connect, authorization code + PKCE, state and nonce) and the signed-in user's linked logins.
/// The browser goes start → Google → callback here; the callback parks the verified identity under a one-time code and
/// sends the browser to the Web, whose server finishes the sign-in with <c>POST …/complete</c> and receives our own
/// tokens, exactly as from a password sign-in. Google's tokens are never kept.
/// </summary>
public static class GoogleEndpoints
{
    public const string Provider = "Google";
    public const string CallbackPath = "/api/auth/external/google/callback";

    public static IServiceCollection AddGoogleSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GoogleOptions>(configuration.GetSection(GoogleOptions.Section));
        services.AddHttpClient(GoogleOpenIdClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<GoogleOpenIdClient>();
        services.AddSingleton<GoogleFlows>();
        services.AddSingleton<GoogleReauthProofs>();
        return services;
    }

    /// <param name="auth">The /api/auth group (rate-limited like every auth route).</param>
    public static void MapGoogleSignInEndpoints(this RouteGroupBuilder auth, IEndpointRouteBuilder endpoints)
    {
        var google = auth.MapGroup("/external/google");
        // Browser navigations answered with redirects (no JSON body to describe), so they stay out of the OpenAPI document;
        // the README describes them and their refusal codes.
        google.MapGet("/start", StartAsync).ExcludeFromDescription();
        google.MapGet("/callback", CallbackAsync).ExcludeFromDescription();
        google.MapPost("/complete", CompleteAsync)
            .WithSummary("Finish Google sign-in").WithDescription("Exchange the callback's one-time code for tokens; a new account needs a role, an existing password account its password.");
        google.MapPost("/link-email", RequestLinkEmailAsync)
            .WithSummary("Email a Google link confirmation")
            .WithDescription("Instead of the password: email the existing account with this Google address a one-time, 30-minute link that links Google and signs in. Spends the callback's code.");
        google.MapPost("/confirm-link", ConfirmLinkEmailAsync)
            .WithSummary("Confirm Google link by email")
            .WithDescription("Link Google to the account with the emailed link's token and sign in (a 2FA code when the account has 2FA on).");

        var logins = endpoints.MapGroup("/api/me/logins").WithTags("Me").RequireAuthorization();
        logins.MapGet("", ListLoginsAsync).WithSummary("List my sign-in methods").WithDescription("Whether the account has a password, and the linked external logins.");
        logins.MapPost("/google", StartLinkAsync).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Start linking Google").WithDescription("A one-time start path the browser opens to add Google to this account.");
        endpoints.MapGroup("/api/me/reauth").WithTags("Me").RequireAuthorization()
            .MapPost("/google", StartReauthAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Start Google re-authentication")
            .WithDescription("A one-time start path the browser opens to sign in at Google again; the callback comes back to the security page with `googleProof`, a 5-minute, single-use proof that confirms deleting an account without a password.");
        logins.MapDelete("/google", UnlinkAsync).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Remove Google sign-in").WithDescription("Unlink Google; refused (409 last-login) when it is the only way to sign in.");
    }

    private static Refusal NotConfigured() =>
        Refusal.NotFound(ExternalSignInCodes.NotConfigured, "Google sign-in is off", "Google sign-in is not configured on this server.");

    private static async Task<RedirectHttpResult> StartAsync(string? returnUrl, string? link, string? reauth, HttpContext context, GoogleFlows flows,
        GoogleOpenIdClient google, IOptions<GoogleOptions> options, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            throw NotConfigured();
        }
        Guid? linkUserId = null;
        if (!string.IsNullOrEmpty(link))
        {
            linkUserId = await flows.RedeemLinkTicketAsync(link);
            if (linkUserId is null)
            {
                return TypedResults.Redirect($"{configuration.WebBaseUrl()}/account/security?googleError=link-expired");
            }
        }
        Guid? reauthUserId = null;
        if (linkUserId is null && !string.IsNullOrEmpty(reauth))
        {
            reauthUserId = await flows.RedeemReauthTicketAsync(reauth);
            if (reauthUserId is null)
            {
                return TypedResults.Redirect($"{configuration.WebBaseUrl()}/account/security?googleError=reauth-expired");
            }
        }
        var redirectUri = options.Value.CallbackUrl ?? $"{context.Request.Scheme}://{context.Request.Host}{CallbackPath}";
        var flow = new GoogleFlow(GoogleFlows.NewSecret(), GoogleFlows.NewSecret(), GoogleFlows.NewSecret(), redirectUri,
            IsLocalPath(returnUrl) ? returnUrl! : "/", linkUserId, reauthUserId, clock.GetUtcNow());
        flows.Remember(context, flow);
        return TypedResults.Redirect(await google.AuthorizeUrlAsync(redirectUri, flow.State, flow.Nonce, GoogleFlows.ChallengeOf(flow.CodeVerifier), cancellationToken,
            reauthenticate: reauthUserId is not null));
    }

    /// <summary>
    /// Every outcome is a redirect to the Web (this is a browser navigation): a refusal carries its stable code in
    /// <c>googleError</c> and the Web explains it; nothing about the account is decided here but a link the user asked for.
    /// </summary>
    private static async Task<RedirectHttpResult> CallbackAsync(string? code, string? state, string? error, HttpContext context, GoogleFlows flows,
        GoogleOpenIdClient google, GoogleReauthProofs proofs, UserManager<AppUser> users, IConfiguration configuration, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var web = configuration.WebBaseUrl();
        var flow = flows.Recall(context);
        RedirectHttpResult Refused(string reason) => TypedResults.Redirect(flow?.LinkUserId is null && flow?.ReauthUserId is null
            ? $"{web}/account/sign-in?googleError={reason}"
            : $"{web}/account/security?googleError={reason}");
        if (flow is null)
        {
            return Refused("flow-expired");
        }
        if (string.IsNullOrEmpty(state) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(state), System.Text.Encoding.UTF8.GetBytes(flow.State)))
        {
            return Refused("state-mismatch");
        }
        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return Refused(error == "access_denied" ? "cancelled" : "google-error");
        }
        GoogleIdentity identity;
        try
        {
            identity = await google.RedeemAsync(code, flow.RedirectUri, flow.CodeVerifier, flow.Nonce, cancellationToken);
        }
        catch (GoogleSignInException refused)
        {
            loggers.CreateLogger("CourseHub.Api.GoogleSignIn").LogWarning("Google sign-in refused ({Code}): {Reason}", refused.Code, refused.Message);
            return Refused(refused.Code);
        }
        catch (HttpRequestException unreachable)
        {
            loggers.CreateLogger("CourseHub.Api.GoogleSignIn").LogWarning("Google could not be reached: {Reason}", unreachable.Message);
            return Refused("google-unavailable");
        }
        if (!identity.EmailVerified)
        {
            return Refused("email-not-verified");
        }

        if (flow.ReauthUserId is { } reauthUserId)
        {
            // Signing in at Google again to prove it is them: the Google account linked to this user, and a sign-in at
            // Google made after this flow started (auth_time, which max_age=0 asked for), not an old Google session.
            var user = await users.FindByIdAsync(reauthUserId.ToString());
            if (user is null || user.BannedAt is not null || user.DeletionRequestedAt is not null)
            {
                return Refused("reauth-expired");
            }
            if (!(await users.GetLoginsAsync(user)).Any(login => login.LoginProvider == Provider && login.ProviderKey == identity.Subject))
            {
                return Refused("reauth-wrong-account");
            }
            if (identity.AuthTime is not { } authTime || authTime < flow.StartedAt - TimeSpan.FromMinutes(1))
            {
                return Refused("reauth-not-fresh");
            }
            var proof = await proofs.IssueAsync(user.Id);
            return TypedResults.Redirect($"{web}/account/security?googleProof={Uri.EscapeDataString(proof)}");
        }

        if (flow.LinkUserId is { } userId)
        {
            var user = await users.FindByIdAsync(userId.ToString());
            var owner = await users.FindByLoginAsync(Provider, identity.Subject);
            if (user is null || user.BannedAt is not null || user.DeletionRequestedAt is not null)
            {
                return Refused("link-expired");
            }
            if (owner is not null && owner.Id != user.Id)
            {
                return Refused("google-account-in-use");
            }
            if (owner is null && (await users.GetLoginsAsync(user)).Any(login => login.LoginProvider == Provider))
            {
                return Refused(ExternalSignInCodes.AlreadyLinked);
            }
            if (owner is null)
            {
                await users.AddLoginAsync(user, new UserLoginInfo(Provider, identity.Subject, Provider));
            }
            return TypedResults.Redirect($"{web}/account/security?googleLinked=1");
        }

        var parked = await flows.ParkAsync(new PendingGoogleSignIn(identity.Subject, identity.Email, identity.Name));
        return TypedResults.Redirect($"{web}/account/google?code={Uri.EscapeDataString(parked)}&returnUrl={Uri.EscapeDataString(flow.ReturnUrl)}");
    }

    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && url.All(character => character is > ' ' and < '\u007f') && Uri.TryCreate(url, UriKind.Relative, out _);

    /// <summary>
    /// The identity Google vouched for signs in the account linked to its subject; an address without an account becomes
    /// one (the user chooses Student or Teacher); an address that has a password account is linked only with that
    /// password — never by the matching email alone. Bans, lockout and 2FA apply as to a password sign-in.
    /// </summary>
    private static async Task<Results<Ok<TokenPair>, ValidationProblem, UnauthorizedProblem, ForbiddenProblem, ConflictProblem, AuthEndpoints.LockedProblem>> CompleteAsync(
        CompleteExternalSignInRequest request, GoogleFlows flows, UserManager<AppUser> users, TokenService tokens, AccountGuard guard,
        CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var expired = Problems.Unauthorized("Sign-in expired", "This Google sign-in has expired or was already used. Start again.",
            Code(ExternalSignInCodes.Expired));
        if (string.IsNullOrEmpty(request.Code) || await flows.PeekAsync(request.Code) is not { } pending)
        {
            return expired;
        }

        var user = await users.FindByLoginAsync(Provider, pending.Subject);
        var linkNow = false;
        if (user is null && await users.FindByEmailAsync(pending.Email) is { } existing)
        {
            // Proof of ownership before a link: the account's own password (counted towards its lockout).
            if (string.IsNullOrEmpty(request.Password))
            {
                return Problems.Conflict("Link your account", "An account with this email already exists. Enter its password to add Google sign-in to it.",
                    ExternalSignInCodes.LinkRequiresPassword, new Dictionary<string, object?> { ["email"] = pending.Email });
            }
            if (await users.IsLockedOutAsync(existing) && existing.BannedAt is null)
            {
                return new AuthEndpoints.LockedProblem(existing.LockoutEnd);
            }
            if (!await users.CheckPasswordAsync(existing, request.Password))
            {
                await users.AccessFailedAsync(existing);
                return await users.IsLockedOutAsync(existing)
                    ? new AuthEndpoints.LockedProblem(existing.LockoutEnd)
                    : Problems.Unauthorized("Wrong password", "The password is incorrect.", Code(ExternalSignInCodes.WrongPassword));
            }
            user = existing;
            linkNow = true;
        }

        if (user is null)
        {
            var role = Roles.Parse(request.Role);
            if (string.IsNullOrEmpty(request.Role))
            {
                return Problems.Conflict("Create your account", "No account uses this Google address yet. Choose Student or Teacher to create one.",
                    ExternalSignInCodes.RegistrationRequired, new Dictionary<string, object?> { ["email"] = pending.Email, ["name"] = pending.Name });
            }
            var displayName = (string.IsNullOrWhiteSpace(request.DisplayName) ? pending.Name ?? pending.Email.Split('@')[0] : request.DisplayName).Trim();
            var errors = new Problems.Errors();
            if (role is not (Roles.Student or Roles.Teacher))
            {
                errors.Add("role", "Choose Student or Teacher.");
            }
            if (displayName.Length is 0 or > 100)
            {
                errors.Add("displayName", "Enter a display name of 1 to 100 characters.");
            }
            if (errors.Any)
            {
                return errors.ToProblem();
            }
            if (!await flows.SpendAsync(request.Code))
            {
                return expired;
            }
            return TypedResults.Ok(await CreateAccountAsync(pending, displayName, role!, users, tokens, db, clock, cancellationToken));
        }

        if (user.BannedAt is not null)
        {
            return Problems.Forbidden("Account suspended", "This account has been suspended by an administrator.");
        }
        if (user.DeletionRequestedAt is not null)
        {
            return Problems.Forbidden("Account deleted", "This account was deleted by its owner; nobody can sign in to it any more.",
                Code(ExternalSignInCodes.AccountDeleted));
        }
        if (await users.IsLockedOutAsync(user))
        {
            return new AuthEndpoints.LockedProblem(user.LockoutEnd);
        }
        var (wrongCode, locked) = await SecondFactorAsync(user, request.TwoFactorCode, users, guard, clock);
        if (locked is not null)
        {
            return locked;
        }
        if (wrongCode is not null)
        {
            return wrongCode;
        }
        if (!await flows.SpendAsync(request.Code))
        {
            return expired;
        }
        if (linkNow)
        {
            await users.AddLoginAsync(user, new UserLoginInfo(Provider, pending.Subject, Provider));
            if (!user.EmailConfirmed)
            {
                // Google verified the address, and the password proved the account: nothing is left to activate.
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }
        }
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.Ok(await tokens.IssueAsync(user, await users.GetRolesAsync(user), cancellationToken));
    }

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };

    /// <summary>For an account with 2FA on: null once the code (or a recovery code) is accepted, else the refusal (a wrong code counts towards the lockout).</summary>
    private static async Task<(UnauthorizedProblem? WrongCode, AuthEndpoints.LockedProblem? Locked)> SecondFactorAsync(AppUser user, string? twoFactorCode,
        UserManager<AppUser> users, AccountGuard guard, TimeProvider clock)
    {
        if (!user.TwoFactorEnabled)
        {
            return (null, null);
        }
        var code = twoFactorCode?.Replace(" ", "").Replace("-", "");
        if (string.IsNullOrEmpty(code))
        {
            return (Problems.Unauthorized("Two-factor code required", "Enter the 6-digit code from your authenticator app (or a recovery code).",
                new Dictionary<string, object?> { ["twoFactorRequired"] = true, ["code"] = ExternalSignInCodes.TwoFactorRequired }), null);
        }
        if (await OneTimeCodes.AcceptAsync(users, guard, clock, user, code)
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, twoFactorCode!.Trim())).Succeeded)
        {
            return (null, null);
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user)
            ? (null, new AuthEndpoints.LockedProblem(user.LockoutEnd))
            : (Problems.Unauthorized("Invalid two-factor code", "The code is not valid. Try the current one.",
                new Dictionary<string, object?> { ["twoFactorRequired"] = true, ["code"] = ExternalSignInCodes.TwoFactorRequired }), null);
    }

    /// <summary>
    /// The other proof of ownership of an existing password account (instead of its password): a one-time link emailed to
    /// the account's address. The callback's code is spent here; only the emailed link links Google — never the email match alone.
    /// </summary>
    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem, UnauthorizedProblem, ForbiddenProblem>> RequestLinkEmailAsync(
        RequestLinkEmailRequest request, HttpContext context, GoogleFlows flows, UserManager<AppUser> users, CourseHubDbContext db, AccountEmails emails,
        AccountGuard guard, IOptions<AccountProtectionOptions> protection, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Code))
        {
            return Problems.Field("code", "The Google sign-in's code is missing. Start again.");
        }
        var expired = Problems.Unauthorized("Sign-in expired", "This Google sign-in has expired or was already used. Start again.",
            Code(ExternalSignInCodes.Expired));
        if (await flows.PeekAsync(request.Code) is not { } pending)
        {
            return expired;
        }
        if (await users.FindByLoginAsync(Provider, pending.Subject) is not null || await users.FindByEmailAsync(pending.Email) is not { Email: { } address } existing)
        {
            // Already linked (sign in with Google) or no account with this address (create one): nothing to confirm by email.
            return Problems.Field("code", "This Google sign-in does not need a confirmation email. Start again.");
        }
        if (existing.BannedAt is not null)
        {
            return Problems.Forbidden("Account suspended", "This account has been suspended by an administrator.");
        }
        if (existing.DeletionRequestedAt is not null)
        {
            return Problems.Forbidden("Account deleted", "This account was deleted by its owner; nobody can sign in to it any more.",
                Code(ExternalSignInCodes.AccountDeleted));
        }
        if (!await flows.SpendAsync(request.Code))
        {
            return expired;
        }
        // Counted like the other account mails; over the quota the mail is dropped silently (the answer is the same).
        if (await guard.AllowMailAsync(MailKind.GoogleLink, address, context.Connection.RemoteIpAddress?.ToString(), protection.Value))
        {
            var token = await flows.IssueEmailLinkAsync(new PendingEmailLink(existing.Id, pending.Subject, address));
            db.AddIntegrationEvent(emails.GoogleLinkConfirmation(address, existing.DisplayName, token, GoogleFlows.EmailLinkLifetime), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new MessageResponse($"We sent a link to {address}. Open it within 30 minutes to add Google sign-in."));
    }

    private static async Task<Results<Ok<TokenPair>, ValidationProblem, UnauthorizedProblem, ForbiddenProblem, ConflictProblem, AuthEndpoints.LockedProblem>> ConfirmLinkEmailAsync(
        ConfirmLinkEmailRequest request, GoogleFlows flows, UserManager<AppUser> users, TokenService tokens, AccountGuard guard, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            return Problems.Field("token", "The link is incomplete. Open the link from the email again.");
        }
        var invalid = Problems.Field("token", "This link has expired or was already used. Sign in with Google again to get a new one.");
        if (await flows.PeekEmailLinkAsync(request.Token) is not { } link || await users.FindByIdAsync(link.UserId.ToString()) is not { } user
            || !string.Equals(user.Email, link.Email, StringComparison.OrdinalIgnoreCase))
        {
            return invalid;
        }
        if (user.BannedAt is not null)
        {
            return Problems.Forbidden("Account suspended", "This account has been suspended by an administrator.");
        }
        if (user.DeletionRequestedAt is not null)
        {
            return Problems.Forbidden("Account deleted", "This account was deleted by its owner; nobody can sign in to it any more.",
                Code(ExternalSignInCodes.AccountDeleted));
        }
        if (await users.FindByLoginAsync(Provider, link.Subject) is { } owner && owner.Id != user.Id)
        {
            throw Refusal.Conflict("google-account-in-use", "Google account in use", "That Google account is already linked to another CourseHub account.");
        }
        var logins = await users.GetLoginsAsync(user);
        if (logins.Any(login => login.LoginProvider == Provider && login.ProviderKey != link.Subject))
        {
            throw Refusal.Conflict(ExternalSignInCodes.AlreadyLinked, "Google already linked", "Another Google account is already linked to this account.");
        }
        if (await users.IsLockedOutAsync(user))
        {
            return new AuthEndpoints.LockedProblem(user.LockoutEnd);
        }
        var (wrongCode, locked) = await SecondFactorAsync(user, request.TwoFactorCode, users, guard, clock);
        if (locked is not null)
        {
            return locked;
        }
        if (wrongCode is not null)
        {
            return wrongCode;
        }
        if (!await flows.SpendEmailLinkAsync(request.Token))
        {
            return invalid;
        }
        if (!logins.Any(login => login.LoginProvider == Provider))
        {
            await users.AddLoginAsync(user, new UserLoginInfo(Provider, link.Subject, Provider));
        }
        if (!user.EmailConfirmed)
        {
            // The emailed link proved the address, and Google had verified it too.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.Ok(await tokens.IssueAsync(user, await users.GetRolesAsync(user), cancellationToken));
    }

    /// <summary>A Google-only account: no password, the address already verified by Google, its login linked — all in one transaction.</summary>
    private static async Task<TokenPair> CreateAccountAsync(PendingGoogleSignIn pending, string displayName, string role, UserManager<AppUser> users,
        TokenService tokens, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = pending.Email,
            Email = pending.Email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                // An account with this address was made meanwhile (a racing sign-up): it has to be linked with its password.
                throw Refusal.Conflict(ExternalSignInCodes.LinkRequiresPassword, "Link your account",
                    "An account with this email already exists. Start again and enter its password to add Google sign-in.");
            }
            await users.AddToRoleAsync(user, role);
            await users.AddLoginAsync(user, new UserLoginInfo(Provider, pending.Subject, Provider));
            await transaction.CommitAsync(cancellationToken);
        }
        return await tokens.IssueAsync(user, [role], cancellationToken);
    }

    private static async Task<Results<Ok<LinkedLoginsResponse>, UnauthorizedProblem>> ListLoginsAsync(HttpContext context, UserManager<AppUser> users)
    {
        if (await CurrentAsync(context, users) is not { } user)
        {
            return Problems.Unauthorized("Account not found", "Sign in again.");
        }
        var logins = await users.GetLoginsAsync(user);
        return TypedResults.Ok(new LinkedLoginsResponse(await users.HasPasswordAsync(user),
            logins.Select(login => new LinkedLogin(login.LoginProvider.ToLowerInvariant(), login.ProviderDisplayName ?? login.LoginProvider)).ToList()));
    }

    private static async Task<Results<Ok<ExternalLinkStart>, UnauthorizedProblem>> StartLinkAsync(HttpContext context, UserManager<AppUser> users,
        GoogleFlows flows, IOptions<GoogleOptions> options)
    {
        if (!options.Value.Enabled)
        {
            throw NotConfigured();
        }
        if (await CurrentAsync(context, users) is not { } user)
        {
            return Problems.Unauthorized("Account not found", "Sign in again.");
        }
        if ((await users.GetLoginsAsync(user)).Any(login => login.LoginProvider == Provider))
        {
            throw Refusal.Conflict(ExternalSignInCodes.AlreadyLinked, "Google already linked", "Google sign-in is already linked to this account.");
        }
        var ticket = await flows.IssueLinkTicketAsync(user.Id);
        return TypedResults.Ok(new ExternalLinkStart($"/api/auth/external/google/start?link={Uri.EscapeDataString(ticket)}&returnUrl=%2Faccount%2Fsecurity"));
    }

    private static async Task<Results<Ok<ExternalLinkStart>, UnauthorizedProblem>> StartReauthAsync(HttpContext context, UserManager<AppUser> users,
        GoogleFlows flows, IOptions<GoogleOptions> options)
    {
        if (!options.Value.Enabled)
        {
            throw NotConfigured();
        }
        if (await CurrentAsync(context, users) is not { } user)
        {
            return Problems.Unauthorized("Account not found", "Sign in again.");
        }
        if (!(await users.GetLoginsAsync(user)).Any(login => login.LoginProvider == Provider))
        {
            throw Refusal.NotFound(ExternalSignInCodes.NotLinked, "Google not linked", "Google sign-in is not linked to this account.");
        }
        var ticket = await flows.IssueReauthTicketAsync(user.Id);
        return TypedResults.Ok(new ExternalLinkStart($"/api/auth/external/google/start?reauth={Uri.EscapeDataString(ticket)}&returnUrl=%2Faccount%2Fsecurity"));
    }

    private static async Task<Results<NoContent, UnauthorizedProblem>> UnlinkAsync(HttpContext context, UserManager<AppUser> users)
    {
        if (await CurrentAsync(context, users) is not { } user)
        {
            return Problems.Unauthorized("Account not found", "Sign in again.");
        }
        var logins = await users.GetLoginsAsync(user);
        var google = logins.FirstOrDefault(login => login.LoginProvider == Provider)
                     ?? throw Refusal.NotFound(ExternalSignInCodes.NotLinked, "Google not linked", "Google sign-in is not linked to this account.");
        if (!await users.HasPasswordAsync(user) && logins.Count == 1)
        {
            throw Refusal.Conflict(ExternalSignInCodes.LastLogin, "Last way to sign in",
                "Google is the only way to sign in to this account. Set a password first (Forgot password on the sign-in page sends a link), then remove Google.");
        }
        await users.RemoveLoginAsync(user, google.LoginProvider, google.ProviderKey);
        return TypedResults.NoContent();
    }

    private static async Task<AppUser?> CurrentAsync(HttpContext context, UserManager<AppUser> users) =>
        context.User.UserId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;
}
