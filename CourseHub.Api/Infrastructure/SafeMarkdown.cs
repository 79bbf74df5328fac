using Ganss.Xss;
using Markdig;

namespace CourseHub.Api.Infrastructure;

/// <summary>Teacher-written Markdown to safe HTML: raw HTML is not interpreted, and the result is sanitized anyway.</summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private static readonly HtmlSanitizer Sanitizer = new();

    public static string ToHtml(string? markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));
}
