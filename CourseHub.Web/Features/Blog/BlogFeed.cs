using System.Globalization;
using System.Net.Http.Json;
using System.Xml.Linq;
using CourseHub.Contracts.Blog;

namespace CourseHub.Web.Features.Blog;

/// <summary>
/// <c>/blog/feed.xml</c>: an RSS 2.0 feed of the newest published posts, built from the Api's public list (the Web never
/// reads the database). Anonymous, so it uses its own plain client rather than the signed-in user's.
/// </summary>
public static class BlogFeed
{
    public const string Path = "/blog/feed.xml";
    public const string Title = "The CourseHub blog";
    public const int Items = 20;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    // RSS's own <author> wants an email address; Dublin Core's creator carries the name alone.
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public sealed class Source(HttpClient http)
    {
        public async Task<BlogPostPage> NewestAsync(CancellationToken cancellationToken) =>
            await http.GetFromJsonAsync<BlogPostPage>($"/api/blog/posts?page=1&pageSize={Items}", cancellationToken)
            ?? throw new InvalidOperationException("The Api returned an empty result.");
    }

    public static WebApplicationBuilder AddBlogFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<Source>(client => client.BaseAddress = new Uri("https+http://api"));
        return builder;
    }

    public static WebApplication MapBlogFeed(this WebApplication app)
    {
        app.MapGet(Path, async (HttpContext context, Source source, CancellationToken cancellationToken) =>
        {
            var site = $"{context.Request.Scheme}://{context.Request.Host}";
            var page = await source.NewestAsync(cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=300";
            var feed = Render(site, page.Posts.Items);
            return Results.Text(feed.Declaration + Environment.NewLine + feed.ToString(SaveOptions.None), "application/rss+xml; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The feed document: channel with its self link (Atom, as validators ask) and one item per post.</summary>
    public static XDocument Render(string site, IEnumerable<BlogPostSummary> posts)
    {
        var items = posts.ToList();
        var channel = new XElement("channel",
            new XElement("title", Title),
            new XElement("link", $"{site}/blog"),
            new XElement("description", "News, guides and stories from CourseHub."),
            new XElement("language", "en"),
            new XElement(Atom + "link", new XAttribute("href", $"{site}{Path}"), new XAttribute("rel", "self"), new XAttribute("type", "application/rss+xml")));
        if (items.Count > 0 && items.Max(p => p.PublishAt) is { } newest)
        {
            channel.Add(new XElement("lastBuildDate", Rfc822(newest)));
        }
        foreach (var post in items)
        {
            var link = $"{site}/blog/{Uri.EscapeDataString(post.Slug)}";
            var item = new XElement("item",
                new XElement("title", post.Title),
                new XElement("link", link),
                new XElement("guid", new XAttribute("isPermaLink", "true"), link),
                new XElement("description", post.Excerpt),
                new XElement(DublinCore + "creator", post.Author.DisplayName));
            if (post.PublishAt is { } at)
            {
                item.Add(new XElement("pubDate", Rfc822(at)));
            }
            foreach (var tag in post.Tags)
            {
                item.Add(new XElement("category", tag));
            }
            channel.Add(item);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("rss", new XAttribute("version", "2.0"), new XAttribute(XNamespace.Xmlns + "atom", Atom),
                new XAttribute(XNamespace.Xmlns + "dc", DublinCore), channel));
    }

    private static string Rfc822(DateTimeOffset at) => at.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
}
