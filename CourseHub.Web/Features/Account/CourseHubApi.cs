using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;

namespace CourseHub.Web.Features.Account;

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn);
public sealed record Profile(Guid Id, string Email, string DisplayName, string? Bio, string TimeZone, string? AvatarUrl,
    IReadOnlyList<string> Roles, bool TwoFactorEnabled);
public sealed record TwoFactorSetup(string SharedKey, string OtpauthUri);
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
public sealed record AdminUser(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailConfirmed,
    bool Banned, bool TwoFactorEnabled, DateTimeOffset CreatedAt);
public sealed record AuditEntry(long Id, DateTimeOffset At, Guid ActorId, string ActorEmail, string Action, Guid? TargetUserId,
    string? TargetEmail, string? Details);
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>The outcome of an Api call: success with a value, or the ProblemDetails the Api answered with.</summary>
public sealed class ApiResult<T>
{
    public T? Value { get; init; }
    public bool Succeeded { get; init; }
    public int Status { get; init; }
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public Dictionary<string, string> FieldErrors { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public JsonElement Problem { get; init; }

    public bool Flag(string name) =>
        Problem.ValueKind == JsonValueKind.Object && Problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A sentence for the page when no field error explains it.</summary>
    public string Message => Detail ?? Title ?? (Status == 0 ? "The service could not be reached. Try again." : $"Request failed ({Status}).");
}

/// <summary>Thrown when the session's tokens can no longer be refreshed (signed out elsewhere, banned, expired).</summary>
public sealed class SessionEndedException() : Exception("Your session has ended. Please sign in again.");

/// <summary>
/// The Api as the Web front end uses it. Calls for the signed-in user carry the session's access
/// token, refreshed (under a per-session lock) shortly before it expires; the browser never sees a token.
/// </summary>
public sealed partial class CourseHubApi(HttpClient http, SessionStore sessions, AuthenticationStateProvider authentication,
    IHttpContextAccessor httpContextAccessor, IHttpClientFactory httpClients, ILogger<CourseHubApi> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Anonymous account operations.
    public Task<ApiResult<JsonElement>> RegisterAsync(string email, string password, string displayName, string role) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/register", new { email, password, displayName, role }, authenticated: false);
    public Task<ApiResult<JsonElement>> ConfirmEmailAsync(string userId, string token) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/confirm-email", new { userId, token }, authenticated: false);
    public Task<ApiResult<JsonElement>> ResendConfirmationAsync(string email) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/resend-confirmation", new { email }, authenticated: false);
    public Task<ApiResult<TokenResponse>> LoginAsync(string email, string password, string? twoFactorCode) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "/api/auth/login", new { email, password, twoFactorCode }, authenticated: false);
    public Task<ApiResult<JsonElement>> ForgotPasswordAsync(string email) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/forgot-password", new { email }, authenticated: false);
    public Task<ApiResult<JsonElement>> ResetPasswordAsync(string email, string token, string newPassword) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/reset-password", new { email, token, newPassword }, authenticated: false);
    public Task<ApiResult<JsonElement>> LogoutAsync(string refreshToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/logout", new { refreshToken }, authenticated: false);

    // The signed-in user.
    public Task<ApiResult<Profile>> GetProfileAsync() => SendAsync<Profile>(HttpMethod.Get, "/api/me", null);
    public Task<ApiResult<Profile>> UpdateProfileAsync(string displayName, string? bio, string timeZone) =>
        SendAsync<Profile>(HttpMethod.Put, "/api/me", new { displayName, bio, timeZone });
    public Task<ApiResult<JsonElement>> ChangePasswordAsync(string currentPassword, string newPassword) =>
        SendAsync<JsonElement>(HttpMethod.Put, "/api/me/password", new { currentPassword, newPassword });
    public Task<ApiResult<TwoFactorSetup>> SetupTwoFactorAsync() => SendAsync<TwoFactorSetup>(HttpMethod.Post, "/api/me/2fa/setup", new { });
    public Task<ApiResult<RecoveryCodesResponse>> EnableTwoFactorAsync(string code) =>
        SendAsync<RecoveryCodesResponse>(HttpMethod.Post, "/api/me/2fa/enable", new { code });
    public Task<ApiResult<JsonElement>> DisableTwoFactorAsync(string password) =>
        SendAsync<JsonElement>(HttpMethod.Post, "/api/me/2fa/disable", new { password });
    public Task<ApiResult<JsonElement>> LogoutAllAsync() => SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/logout-all", new { });

    public Task<ApiResult<JsonElement>> UploadAvatarAsync(Stream content, string fileName, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return SendAsync<JsonElement>(HttpMethod.Put, "/api/me/avatar", form);
    }

    // Admin.
    public Task<ApiResult<PagedResult<AdminUser>>> ListUsersAsync(string? search, int page, int pageSize) =>
        SendAsync<PagedResult<AdminUser>>(HttpMethod.Get, $"/api/admin/users?search={Uri.EscapeDataString(search ?? "")}&page={page}&pageSize={pageSize}", null);
    public Task<ApiResult<JsonElement>> ChangeRoleAsync(Guid userId, string role) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"/api/admin/users/{userId}/role", new { role });
    public Task<ApiResult<JsonElement>> BanAsync(Guid userId, string? reason) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"/api/admin/users/{userId}/ban", new { reason });
    public Task<ApiResult<JsonElement>> UnbanAsync(Guid userId) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"/api/admin/users/{userId}/unban", new { });
    public Task<ApiResult<PagedResult<AuditEntry>>> ListAuditAsync(int page, int pageSize) =>
        SendAsync<PagedResult<AuditEntry>>(HttpMethod.Get, $"/api/admin/audit?page={page}&pageSize={pageSize}", null);

    /// <summary>The avatar image bytes, for the Web's own /media/avatars endpoint.</summary>
    public async Task<(byte[] Content, string ContentType)?> GetAvatarAsync(Guid userId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/users/{userId}/avatar", cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream")
            : null;
    }

    /// <param name="via">Another client than the default one (uploads use one without time limits and retries).</param>
    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, bool authenticated = true,
        HttpClient? via = null, CancellationToken cancellationToken = default)
    {
        string? accessToken = null;
        if (authenticated)
        {
            accessToken = await CurrentAccessTokenAsync();
        }
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        // The Api rate-limits per client address; tell it whose request this is (it trusts this header only from a known proxy).
        if (httpContextAccessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, options: Json),
        };
        // A file waits for the Api's go-ahead (100-continue): one it refuses up front (not found, too large) is never sent.
        request.Headers.ExpectContinue = body is MultipartFormDataContent;
        HttpResponseMessage response;
        try
        {
            response = await (via ?? http).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Api call {Method} {Path} failed: {Reason}", method, path, ex.Message);
            return new ApiResult<T> { Status = 0 };
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json);
                return new ApiResult<T> { Succeeded = true, Status = (int)response.StatusCode, Value = value };
            }
            if (authenticated && response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new SessionEndedException();
            }
            var problem = await ReadProblemAsync(response);
            var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var fieldErrors) && fieldErrors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fieldErrors.EnumerateObject())
                {
                    errors[field.Name] = string.Join(" ", field.Value.EnumerateArray().Select(error => error.GetString()));
                }
            }
            return new ApiResult<T>
            {
                Status = (int)response.StatusCode,
                Title = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title) ? title.GetString() : null,
                Detail = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                FieldErrors = errors,
                Problem = problem,
            };
        }
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return default;
        }
    }

    /// <summary>The signed-in session's access token, refreshed if it expires within a minute.</summary>
    private async Task<string> CurrentAccessTokenAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sessionId = state.User.FindFirst(WebClaims.SessionId)?.Value ?? throw new SessionEndedException();
        var session = await sessions.GetAsync(sessionId) ?? throw new SessionEndedException();
        if (session.AccessTokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return session.AccessToken;
        }
        await using var gate = await sessions.LockAsync(sessionId, TimeSpan.FromSeconds(10));
        // Another tab may have refreshed while this one waited.
        session = await sessions.GetAsync(sessionId) ?? throw new SessionEndedException();
        if (session.AccessTokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return session.AccessToken;
        }
        var refreshed = await SendAsync<TokenResponse>(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = session.RefreshToken }, authenticated: false);
        if (!refreshed.Succeeded || refreshed.Value is null)
        {
            await sessions.DeleteAsync(sessionId);
            throw new SessionEndedException();
        }
        session = session with
        {
            AccessToken = refreshed.Value.AccessToken,
            RefreshToken = refreshed.Value.RefreshToken,
            AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddSeconds(refreshed.Value.ExpiresIn),
        };
        await sessions.SaveAsync(session);
        return session.AccessToken;
    }
}
