using System.Net.Http.Headers;
using CourseHub.Contracts;
using CourseHub.Contracts.Account;
using CourseHub.Contracts.Auth;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Account;

/// <summary>The Api's account routes: sign-up, activation, sign-in and recovery (anonymous) and the signed-in user's own account.</summary>
public sealed class AccountClient(ApiCaller api)
{
    public Task<ApiResult<RegisterResponse>> RegisterAsync(string email, string password, string displayName, string role) =>
        api.SendAsync<RegisterResponse>(HttpMethod.Post, "/api/auth/register", new RegisterRequest(email, password, displayName, role), authenticated: false);
    public Task<ApiResult<NoBody>> ConfirmEmailAsync(string userId, string token) =>
        api.SendAsync<NoBody>(HttpMethod.Post, "/api/auth/confirm-email",
            new ConfirmEmailRequest(Guid.TryParse(userId, out var id) ? id : null, null, token), authenticated: false);
    public Task<ApiResult<MessageResponse>> ResendConfirmationAsync(string email) =>
        api.SendAsync<MessageResponse>(HttpMethod.Post, "/api/auth/resend-confirmation", new EmailRequest(email), authenticated: false);
    public Task<ApiResult<TokenPair>> LoginAsync(string email, string password, string? twoFactorCode) =>
        api.SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/login", new LoginRequest(email, password, twoFactorCode), authenticated: false);
    public Task<ApiResult<MessageResponse>> ForgotPasswordAsync(string email) =>
        api.SendAsync<MessageResponse>(HttpMethod.Post, "/api/auth/forgot-password", new EmailRequest(email), authenticated: false);
    public Task<ApiResult<NoBody>> ResetPasswordAsync(string email, string token, string newPassword) =>
        api.SendAsync<NoBody>(HttpMethod.Post, "/api/auth/reset-password", new ResetPasswordRequest(email, token, newPassword), authenticated: false);
    public Task<ApiResult<CourseHub.Contracts.Admin.InvitationPreview>> LookupInvitationAsync(string token) =>
        api.SendAsync<CourseHub.Contracts.Admin.InvitationPreview>(HttpMethod.Post, "/api/invitations/lookup",
            new CourseHub.Contracts.Admin.InvitationTokenRequest(token), authenticated: false);
    public Task<ApiResult<TokenPair>> AcceptInvitationAsync(string token, string password) =>
        api.SendAsync<TokenPair>(HttpMethod.Post, "/api/invitations/accept", new CourseHub.Contracts.Admin.AcceptInvitationRequest(token, password), authenticated: false);
    public Task<ApiResult<NoBody>> LogoutAsync(string refreshToken) =>
        api.SendAsync<NoBody>(HttpMethod.Post, "/api/auth/logout", new RefreshRequest(refreshToken), authenticated: false);

    public Task<ApiResult<TokenPair>> CompleteGoogleSignInAsync(CompleteExternalSignInRequest request) =>
        api.SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/external/google/complete", request, authenticated: false);
    public Task<ApiResult<MessageResponse>> RequestGoogleLinkEmailAsync(string code) =>
        api.SendAsync<MessageResponse>(HttpMethod.Post, "/api/auth/external/google/link-email", new RequestLinkEmailRequest(code), authenticated: false);
    public Task<ApiResult<TokenPair>> ConfirmGoogleLinkEmailAsync(string token, string? twoFactorCode) =>
        api.SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/external/google/confirm-link", new ConfirmLinkEmailRequest(token, twoFactorCode), authenticated: false);
    public Task<ApiResult<MessageResponse>> RestoreAccountAsync(string token) =>
        api.SendAsync<MessageResponse>(HttpMethod.Post, "/api/account/restore", new RestoreAccountRequest(token), authenticated: false);
    public Task<ApiResult<ExternalLinkStart>> StartGoogleReauthAsync() =>
        api.SendAsync<ExternalLinkStart>(HttpMethod.Post, "/api/me/reauth/google", new { });
    public Task<ApiResult<LinkedLoginsResponse>> GetLoginsAsync() => api.SendAsync<LinkedLoginsResponse>(HttpMethod.Get, "/api/me/logins", null);
    public Task<ApiResult<ExternalLinkStart>> StartGoogleLinkAsync() =>
        api.SendAsync<ExternalLinkStart>(HttpMethod.Post, "/api/me/logins/google", new { });
    public Task<ApiResult<NoBody>> UnlinkGoogleAsync() => api.SendAsync<NoBody>(HttpMethod.Delete, "/api/me/logins/google", null);

    public Task<ApiResult<ProfileResponse>> GetProfileAsync() => api.SendAsync<ProfileResponse>(HttpMethod.Get, "/api/me", null);
    public Task<ApiResult<ProfileResponse>> UpdateProfileAsync(string displayName, string? bio, string timeZone) =>
        api.SendAsync<ProfileResponse>(HttpMethod.Put, "/api/me", new UpdateProfileRequest(displayName, bio, timeZone));
    public Task<ApiResult<NoBody>> ChangePasswordAsync(string currentPassword, string newPassword) =>
        api.SendAsync<NoBody>(HttpMethod.Put, "/api/me/password", new ChangePasswordRequest(currentPassword, newPassword));
    public Task<ApiResult<TwoFactorSetupResponse>> SetupTwoFactorAsync() =>
        api.SendAsync<TwoFactorSetupResponse>(HttpMethod.Post, "/api/me/2fa/setup", new { });
    public Task<ApiResult<RecoveryCodesResponse>> EnableTwoFactorAsync(string code) =>
        api.SendAsync<RecoveryCodesResponse>(HttpMethod.Post, "/api/me/2fa/enable", new TwoFactorCodeRequest(code));
    public Task<ApiResult<NoBody>> DisableTwoFactorAsync(string password) =>
        api.SendAsync<NoBody>(HttpMethod.Post, "/api/me/2fa/disable", new PasswordRequest(password));
    public Task<ApiResult<DataExportResponse>> GetLatestExportAsync() => api.SendAsync<DataExportResponse>(HttpMethod.Get, "/api/me/export", null);
    public Task<ApiResult<DataExportResponse>> RequestExportAsync() => api.SendAsync<DataExportResponse>(HttpMethod.Post, "/api/me/export", new { });
    public Task<ApiResult<MessageResponse>> DeleteAccountAsync(string? password, string? googleProof = null) =>
        api.SendAsync<MessageResponse>(HttpMethod.Post, "/api/me/delete", new DeleteAccountRequest(password, googleProof));
    public Task<ApiResult<NoBody>> LogoutAllAsync() => api.SendAsync<NoBody>(HttpMethod.Post, "/api/auth/logout-all", new { });

    public Task<ApiResult<AvatarResponse>> UploadAvatarAsync(Stream content, string fileName, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return api.SendAsync<AvatarResponse>(HttpMethod.Put, "/api/me/avatar", form);
    }
}
