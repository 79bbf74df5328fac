using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The Scalar API reference at <c>/scalar</c>, self-contained: its script comes from the Api itself, and everything that
/// would reach another host is off — the default fonts (loaded from Scalar's CDN: the page failed offline and told a third
/// party about every visit), telemetry, the AI agent and MCP, and the developer toolbar with the vendor's own
/// "Deploy" and "Generate SDK" offers; the "Open API Client" button (it opens the vendor's hosted client and hands it the
/// document's address) is hidden, and so is the "Powered by" link. The fonts fall back to the system's own faces.
/// </summary>
public static class ApiReference
{
    /// <summary>The document's own title and introduction (the reference's first page), instead of the assembly name.</summary>
    public static OpenApiOptions DescribeCourseHub(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CourseHub API";
            document.Info.Description = "The REST API of CourseHub: accounts and sign-in, the public catalog, the course studio and "
                + "the administration. Sign in with POST /api/auth/login and send the access token as a Bearer token. Errors are "
                + "RFC 7807 ProblemDetails naming the field and the reason.";
            return Task.CompletedTask;
        });

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(options => options
            .WithTitle("CourseHub API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton()
            // Operations are listed by their summary (a few words); the longer explanation is the description.
            .WithOperationTitleSource(OperationTitleSource.Summary)
            .WithCustomCss(SystemFonts));
        return app;
    }

    /// <summary>Scalar's theme variables for its fonts, pointed at faces every system has; no link to the vendor's site.</summary>
    private const string SystemFonts = """
        a[href^="https://scalar.com"], a[href^="https://client.scalar.com"] { display: none !important; }
        :root {
          --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          --scalar-font-code: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
        }
        """;
}
