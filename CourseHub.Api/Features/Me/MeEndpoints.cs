using System.Text.Encodings.Web;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.AccountProtection;
using CourseHub.Authentication;
using CourseHub.Contracts.Account;
using CourseHub.Domain.Identity;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Me;

/// <summary>The signed-in user's own account: profile, avatar, password and two-factor authentication.</summary>
public static class MeEndpoints
{
    public const long MaxAvatarBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("", GetAsync).WithSummary("Read my profile").WithDescription("The signed-in user's profile.");
        me.MapPut("", UpdateAsync).WithSummary("Update my profile").WithDescription("Update display name, bio and time zone.");
        me.MapPut("/password", ChangePasswordAsync).WithSummary("Change my password").WithDescription("Change the password (needs the current one); ends other sessions.");
        me.MapPut("/avatar", UploadAvatarAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxAvatarBytes + 64 * 1024))
            .WithSummary("Upload my avatar").WithDescription("Upload a JPEG, PNG or WebP avatar of at most 2 MB (multipart field 'file').");
        me.MapPost("/2fa/setup", SetupTwoFactorAsync).WithSummary("Start two-factor setup").WithDescription("Start two-factor setup: a new authenticator key and its otpauth URI.");
        me.MapPost("/2fa/enable", EnableTwoFactorAsync).WithSummary("Turn on two-factor sign-in").WithDescription("Turn two-factor on with a code from the authenticator; returns recovery codes.");
        me.MapPost("/2fa/disable", DisableTwoFactorAsync).WithSummary("Turn off two-factor sign-in").WithDescription("Turn two-factor off (needs the password).");
        endpoints.MapGet("/api/users/{id:guid}/avatar", GetAvatarAsync).WithTags("Me").AllowAnonymous()
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .WithSummary("A user's avatar").WithDescription("A user's avatar image.");
        return endpoints;
    }

    /// <summary>A valid token whose account no longer exists.</summary>
    private static UnauthorizedProblem NoAccount() => Problems.Unauthorized("Account not found", "Sign in again.");

    private static NotFoundProblem NoAvatar() => Problems.NotFound("No avatar", "This user has no avatar.");

    private static async Task<AppUser?> CurrentAsync(HttpContext context, UserManager<AppUser> users) =>
        context.User.UserId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;

    private static async Task<Results<Ok<ProfileResponse>, UnauthorizedProblem>> GetAsync(HttpContext context, UserManager<AppUser> users)
    {
        var user = await CurrentAsync(context, users);
        return user is null ? NoAccount() : TypedResults.Ok(await ProfileAsync(user, users));
    }

    private static async Task<ProfileResponse> ProfileAsync(AppUser user, UserManager<AppUser> users) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.Bio, user.TimeZone, Avatars.Url(user.Id, user.AvatarBlobName),
            (await users.GetRolesAsync(user)).ToList(), user.TwoFactorEnabled);

    private static async Task<Results<Ok<ProfileResponse>, ValidationProblem, UnauthorizedProblem>> UpdateAsync(UpdateProfileRequest request, HttpContext context, UserManager<AppUser> users,
        CourseHubDbContext db, CatalogVersion catalog, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        var errors = new Problems.Errors();
        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 100)
        {
            errors.Add("displayName", "Enter a display name of 1 to 100 characters.");
        }
        if (request.Bio is { Length: > 2000 })
        {
            errors.Add("bio", "Keep the bio under 2000 characters.");
        }
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        if (!IsIanaTimeZone(timeZone))
        {
            errors.Add("timeZone", "Choose a time zone from the list (an IANA name such as Europe/Paris).");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var renamed = user.DisplayName != displayName;
        user.DisplayName = displayName!;
        user.Bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim();
        user.TimeZone = timeZone;
        await users.UpdateAsync(user);
        // A teacher's name and bio are on their course pages (the name also in search): keep them current.
        if (await db.Courses.AnyAsync(c => c.TeacherId == user.Id, cancellationToken))
        {
            if (renamed)
            {
                await db.Courses.Where(c => c.TeacherId == user.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.TeacherName, user.DisplayName), cancellationToken);
            }
            await catalog.InvalidateAsync();
        }
        return TypedResults.Ok(await ProfileAsync(user, users));
    }

    public static bool IsIanaTimeZone(string id) =>
        id.Length <= 100 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && (zone.HasIanaId || id == "UTC");

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedProblem>> ChangePasswordAsync(ChangePasswordRequest request, HttpContext context, UserManager<AppUser> users,
        TokenService tokens, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        var errors = new Problems.Errors()
            .Require("currentPassword", request.CurrentPassword, "Enter your current password.")
            .Require("newPassword", request.NewPassword, "Choose a new password.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (!await users.CheckPasswordAsync(user, request.CurrentPassword!))
        {
            return Problems.Field("currentPassword", "The current password is not correct.");
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            return Problems.FromIdentity(result, "newPassword");
        }
        await tokens.RevokeAllAsync(user.Id, "password-changed", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AvatarResponse>, ValidationProblem, UnauthorizedProblem>> UploadAvatarAsync(HttpContext context, UserManager<AppUser> users, BlobServiceClient blobs,
        CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        if (!context.Request.HasFormContentType)
        {
            return Problems.Field("file", "Send the image as multipart/form-data in a field named 'file'.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return Problems.Field("file", "Choose an image to upload.");
        }
        if (file.Length > MaxAvatarBytes)
        {
            return Problems.Field("file", "The image is larger than 2 MB.");
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        var contentType = ImageSniffer.Detect(content);
        if (contentType is null)
        {
            return Problems.Field("file", "Only JPEG, PNG or WebP images are accepted (checked by content, not by file name).");
        }
        var container = blobs.GetBlobContainerClient(Avatars.Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        var blobName = Avatars.NewBlobName(user.Id);
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        var previous = user.AvatarBlobName;
        user.AvatarBlobName = blobName;
        await users.UpdateAsync(user);
        if (previous is not null)
        {
            await container.DeleteBlobIfExistsAsync(previous, cancellationToken: cancellationToken);
        }
        return TypedResults.Ok(new AvatarResponse(Avatars.Url(user.Id, user.AvatarBlobName)!));
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem>> GetAvatarAsync(Guid id, UserManager<AppUser> users, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user?.AvatarBlobName is null)
        {
            return NoAvatar();
        }
        try
        {
            var download = await blobs.GetBlobContainerClient(Avatars.Container).GetBlobClient(user.AvatarBlobName)
                .DownloadContentAsync(cancellationToken);
            return TypedResults.File(download.Value.Content.ToArray(), download.Value.Details.ContentType);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return NoAvatar();
        }
    }

    private static async Task<Results<Ok<TwoFactorSetupResponse>, UnauthorizedProblem, ConflictProblem>> SetupTwoFactorAsync(HttpContext context, UserManager<AppUser> users)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        if (user.TwoFactorEnabled)
        {
            return Problems.Conflict("Two-factor authentication is already on", "Turn it off first to set up a new authenticator.", "two-factor-on");
        }
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var label = UrlEncoder.Default.Encode($"CourseHub:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer=CourseHub&digits=6&period=30";
        return TypedResults.Ok(new TwoFactorSetupResponse(key, uri));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem, UnauthorizedProblem>> EnableTwoFactorAsync(TwoFactorCodeRequest request, HttpContext context,
        UserManager<AppUser> users, AccountGuard guard, TimeProvider clock)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        var code = request.Code?.Replace(" ", "").Replace("-", "");
        // A code used here is spent: it cannot sign in a second time (nor an older one).
        if (string.IsNullOrEmpty(code) || !await OneTimeCodes.AcceptAsync(users, guard, clock, user, code))
        {
            return Problems.Field("code", "The code is not valid. Enter the current 6-digit code from your authenticator app.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return TypedResults.Ok(new RecoveryCodesResponse(recoveryCodes?.ToList() ?? []));
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedProblem>> DisableTwoFactorAsync(PasswordRequest request, HttpContext context, UserManager<AppUser> users)
    {
        var user = await CurrentAsync(context, users);
        if (user is null)
        {
            return NoAccount();
        }
        if (string.IsNullOrEmpty(request.Password) || !await users.CheckPasswordAsync(user, request.Password))
        {
            return Problems.Field("password", "The password is not correct.");
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.NoContent();
    }
}
