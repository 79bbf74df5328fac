using System.Globalization;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.WebUtilities;

namespace CourseHub.Web.Features.Admin;

/// <summary>
/// <c>/admin/export/{table}.csv?…filters</c>: an admin table as the Api's CSV (<c>?format=csv</c>), downloaded from the Web's
/// own address. The browser never holds the Api token, so the Web asks with the session's token and streams the Api's answer
/// through as it comes (a large export is never held here). The filters are the page's own, passed on as they are; the Api
/// checks them (a bad one is its 400) and the admin role (403).
/// </summary>
public static class CsvDownload
{
    /// <summary>The admin lists the Api exports, by the name of their route under <c>/api/admin/</c>.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(StringComparer.Ordinal) { "users", "courses", "orders", "reviews", "moderation" };

    public static WebApplication MapCsvDownload(this WebApplication app)
    {
        app.MapGet("/admin/export/{table}.csv", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The download address of <paramref name="table"/> with the view's filters (empty ones left out).</summary>
    public static string Href(string table, params (string Name, string? Value)[] filters) =>
        QueryHelpers.AddQueryString($"/admin/export/{table}.csv",
            filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new KeyValuePair<string, string?>(f.Name, f.Value!.Trim())));

    /// <summary>The file name the browser saves: the table and the day (UTC).</summary>
    public static string FileNameOf(string table, DateTimeOffset now) => $"coursehub-{table}-{now.UtcDateTime:yyyy-MM-dd}.csv";

    private static async Task DownloadAsync(string table, HttpContext context, AdminClient admin, AuthenticationStateProvider authentication, TimeProvider clock)
    {
        if (!Tables.Contains(table))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Outside a Blazor render the authentication state is not set for this request's scope; ApiCaller reads the user from it.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
        // The view's filters go on as they are; paging is not a filter (the export is every match) and the format is ours to set.
        var filters = context.Request.Query
            .Where(pair => pair.Key is not ("format" or "page" or "pageSize"))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new KeyValuePair<string, string?>("format", "csv"));
        var path = QueryHelpers.AddQueryString($"/api/admin/{table}", filters);
        HttpResponseMessage? file;
        ApiResult<NoBody> failure;
        try
        {
            (file, failure) = await admin.OpenCsvAsync(path, context.RequestAborted);
        }
        catch (SessionEndedException)
        {
            context.Response.Redirect("/account/sign-in?returnUrl=%2Fadmin");
            return;
        }
        if (file is null)
        {
            // The Api's reason (a field it refused, the role), as plain text: the link was followed as a download, not a page.
            context.Response.StatusCode = failure.Status == 0 ? StatusCodes.Status502BadGateway : failure.Status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            var reason = failure.FieldErrors.Count > 0
                ? string.Join(" ", failure.FieldErrors.Select(error => $"{error.Key}: {error.Value}"))
                : failure.Detail ?? failure.Title ?? "The Api could not be reached.";
            await context.Response.WriteAsync($"The export failed ({failure.Status.ToString(CultureInfo.InvariantCulture)}). {reason}", context.RequestAborted);
            return;
        }
        using (file)
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileNameOf(table, clock.GetUtcNow())}\"";
            context.Response.Headers.CacheControl = "private, no-store";
            await using var body = await file.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
