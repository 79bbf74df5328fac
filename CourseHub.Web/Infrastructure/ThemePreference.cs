namespace CourseHub.Web.Infrastructure;

/// <summary>What the visitor asked for: follow the system's light or dark setting (the default), or one of them always.</summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

/// <summary>The theme a page is prerendered in, handed from the request to the interactive layout.</summary>
public sealed record ThemeAtLoad(ThemeChoice Choice, bool Dark);

/// <summary>
/// The theme decided on the server, before the first paint, so a full page load never flashes light before turning dark.
/// An explicit choice is a cookie the toggle writes (<see cref="ChoiceCookie"/>); without one the system's preference
/// counts: from the <c>Sec-CH-Prefers-Color-Scheme</c> client hint (Chromium-based browsers send it once asked), else from
/// the preference the layout last saw in this browser (<see cref="SystemCookie"/>). The cookies hold no more than
/// "light" or "dark", so they are readable by script on purpose: the toggle writes them without a round trip.
/// </summary>
public static class ThemePreference
{
    public const string ChoiceCookie = "coursehub.theme";
    public const string SystemCookie = "coursehub.system-theme";
    private const string ClientHint = "Sec-CH-Prefers-Color-Scheme";

    public static ThemeAtLoad Read(HttpContext? context)
    {
        var request = context?.Request;
        var choice = request?.Cookies[ChoiceCookie] switch
        {
            "dark" => ThemeChoice.Dark,
            "light" => ThemeChoice.Light,
            _ => ThemeChoice.System,
        };
        var dark = choice switch
        {
            ThemeChoice.Dark => true,
            ThemeChoice.Light => false,
            _ => request is not null && SystemPrefersDark(request),
        };
        return new ThemeAtLoad(choice, dark);
    }

    /// <summary>The value a cookie of this choice holds (none for <see cref="ThemeChoice.System"/>: the cookie is removed).</summary>
    public static string? CookieValue(ThemeChoice choice) => choice switch
    {
        ThemeChoice.Dark => "dark",
        ThemeChoice.Light => "light",
        _ => null,
    };

    private static bool SystemPrefersDark(HttpRequest request)
    {
        var hint = request.Headers[ClientHint].ToString().Trim().Trim('"');
        return (hint.Length > 0 ? hint : request.Cookies[SystemCookie]) == "dark";
    }

    /// <summary>
    /// Asks the browser for the color-scheme hint on its next requests (<c>Accept-CH</c>); pages differ by it (<c>Vary</c>).
    /// Not <c>Critical-CH</c>: that makes the browser repeat a navigation that lacked the hint, and a repeated navigation
    /// may be one that must happen once (redeeming a sign-in ticket). The very first page of a browser without the
    /// cookies is prerendered light and turns dark when the circuit connects; every later load starts right.
    /// </summary>
    public static WebApplication UseThemeClientHint(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.ContentType.ToString().StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                {
                    headers["Accept-CH"] = ClientHint;
                    headers.Append("Vary", ClientHint);
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
