using Scalar.AspNetCore;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The Scalar API reference at <c>/scalar</c>, self-contained: its script comes from the Api itself, and everything that
/// would reach another host is off — the default fonts (loaded from Scalar's CDN: the page failed offline and told a third
/// party about every visit), telemetry, the AI agent and MCP, and the developer toolbar with the vendor's own
/// "Deploy" and "Generate SDK" offers. The fonts fall back to the system's own sans-serif and monospace faces.
/// </summary>
public static class ApiReference
{
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(options => options
            .WithTitle("CourseHub API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            // Operations are listed by their summary (a few words); the longer explanation is the description.
            .WithOperationTitleSource(OperationTitleSource.Summary)
            .WithCustomCss(SystemFonts));
        return app;
    }

    /// <summary>Scalar's theme variables for its fonts, pointed at faces every system has.</summary>
    private const string SystemFonts = """
        :root {
          --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          --scalar-font-code: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
        }
        """;
}
