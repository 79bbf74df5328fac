using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Contracts.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace CourseHub.Web.Infrastructure;

/// <summary>A file on its way from the browser: its content (read while it is sent), name, browser-reported type and size.</summary>
public sealed record FileUpload(Stream Content, string FileName, string ContentType, long Size);

/// <summary>
/// How the Web calls the Api; the typed clients of each area (Features/*/…Client) go through it. Calls for the
/// signed-in user carry the session's access token, refreshed (under a per-session lock) shortly before it expires;
/// the browser never sees a token. Answers come back as <see cref="ApiResult{T}"/>, ProblemDetails read into field errors.
/// </summary>
public sealed class ApiCaller(HttpClient http, SessionStore sessions, AuthenticationStateProvider authentication,
    IHttpContextAccessor httpContextAccessor, IHttpClientFactory httpClients, TimeProvider clock, ILogger<ApiCaller> logger)
{
    /// <summary>The named HttpClient for uploads: no default time limit and no retries (a browser's stream is read once).</summary>
    public const string UploadClientName = "api-uploads";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Api's own HttpClient, for calls that need the raw response (files, redirects).</summary>
    public HttpClient Http => http;

    /// <param name="via">Another client than the default one (uploads use one without time limits and retries).</param>
    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, bool authenticated = true,
        HttpClient? via = null, CancellationToken cancellationToken = default)
    {
        using var request = await CreateRequestAsync(method, path, authenticated);
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
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
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
            return await FailureAsync<T>(response);
        }
    }

    /// <summary>
    /// A file of the signed-in user's (a receipt): on success the open response, for the caller to stream on and dispose;
    /// otherwise null and the Api's problem.
    /// </summary>
    public async Task<(HttpResponseMessage? File, ApiResult<NoBody> Failure)> GetFileAsync(string path, CancellationToken cancellationToken)
    {
        using var request = await CreateRequestAsync(HttpMethod.Get, path, authenticated: true);
        HttpResponseMessage response;
        try
        {
            // Headers first: the body streams through to the browser instead of being buffered here.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
        {
            logger.LogWarning("Api call GET {Path} failed: {Reason}", path, ex.Message);
            return (null, new ApiResult<NoBody> { Status = 0 });
        }
        if (response.IsSuccessStatusCode)
        {
            return (response, new ApiResult<NoBody> { Succeeded = true, Status = (int)response.StatusCode });
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new SessionEndedException();
            }
            return (null, await FailureAsync<NoBody>(response));
        }
    }

    private async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, string path, bool authenticated)
    {
        var accessToken = authenticated ? await CurrentAccessTokenAsync() : null;
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        // The Api rate-limits per client address; tell it whose request this is (it trusts this header only from a known proxy).
        if (httpContextAccessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }
        return request;
    }

    private async Task<ApiResult<T>> FailureAsync<T>(HttpResponseMessage response)
    {
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
            RetryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - clock.GetUtcNow(),
                _ => null,
            },
        };
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

    /// <summary>
    /// The signed-in session's access token for another service of ours (the chat hub): the server-side circuit
    /// connects with it, the browser still never sees it. Throws <see cref="SessionEndedException"/> without a session.
    /// </summary>
    public Task<string> AccessTokenAsync() => CurrentAccessTokenAsync();

    /// <summary>The signed-in session's access token, refreshed if it expires within a minute.</summary>
    private async Task<string> CurrentAccessTokenAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sessionId = state.User.FindFirst(WebClaims.SessionId)?.Value ?? throw new SessionEndedException();
        var session = await sessions.GetAsync(sessionId) ?? throw new SessionEndedException();
        if (session.AccessTokenExpiresAt > clock.GetUtcNow().AddMinutes(1))
        {
            return session.AccessToken;
        }
        await using var gate = await sessions.LockAsync(sessionId, TimeSpan.FromSeconds(10));
        // Another tab may have refreshed while this one waited.
        session = await sessions.GetAsync(sessionId) ?? throw new SessionEndedException();
        if (session.AccessTokenExpiresAt > clock.GetUtcNow().AddMinutes(1))
        {
            return session.AccessToken;
        }
        var refreshed = await SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/refresh", new RefreshRequest(session.RefreshToken), authenticated: false);
        if (!refreshed.Succeeded || refreshed.Value is null)
        {
            await sessions.DeleteAsync(sessionId);
            throw new SessionEndedException();
        }
        session = session with
        {
            AccessToken = refreshed.Value.AccessToken,
            RefreshToken = refreshed.Value.RefreshToken,
            AccessTokenExpiresAt = clock.GetUtcNow().AddSeconds(refreshed.Value.ExpiresIn),
        };
        await sessions.SaveAsync(session);
        return session.AccessToken;
    }

    /// <summary>Streams a browser's file to the Api as multipart form data (field <c>file</c>, optional <c>title</c>), reporting progress.</summary>
    public Task<ApiResult<T>> UploadAsync<T>(HttpMethod method, string path, FileUpload file, string? title, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var content = new ProgressStreamContent(file.Content, file.Size, progress);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { content, "file", file.FileName } };
        if (!string.IsNullOrWhiteSpace(title))
        {
            form.Add(new StringContent(title.Trim()), "title");
        }
        return SendAsync<T>(method, path, form, via: httpClients.CreateClient(UploadClientName), cancellationToken: cancellationToken);
    }
}
