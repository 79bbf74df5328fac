namespace CourseHub.Web.Features.Notifications;

/// <summary>
/// The target of the List-Unsubscribe header (RFC 8058): mail clients POST <c>List-Unsubscribe=One-Click</c> here without
/// cookies or a page, so it is a plain endpoint (no antiforgery: the token in the URL is the proof) that asks the Api.
/// </summary>
public static class OneClickUnsubscribe
{
    public const string Path = "/notifications/unsubscribe/one-click";

    public static WebApplication MapOneClickUnsubscribe(this WebApplication app)
    {
        app.MapPost(Path, UnsubscribeAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> UnsubscribeAsync(string? token, string? kind, NotificationClient notifications)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TypedResults.BadRequest("The link's token is missing.");
        }
        var result = await notifications.UnsubscribeAsync(token, kind);
        return result.Succeeded ? TypedResults.Ok("Unsubscribed.")
            : result.Status == 404 ? TypedResults.NotFound("Unknown link.")
            : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}
