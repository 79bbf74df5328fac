using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Community;

/// <summary>
/// The blog on the running system: drafts stay invisible, scheduled posts appear at their time, slugs are unique, the
/// Web's feed is valid RSS listing only public posts, first comments are held until approved, and reports hide a
/// blog comment at the threshold.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BlogTests(SystemFixture system)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static object Post(string title, string status, string? slug = null, DateTimeOffset? publishAt = null, string[]? tags = null,
        string body = "Some **words** to read.") => new
    {
        title,
        slug,
        bodyMarkdown = body,
        excerpt = $"About {title}.",
        coverImageUrl = (string?)null,
        tags = tags ?? ["news"],
        status,
        publishAt,
    };

    private async Task<JsonElement> PublicPageAsync(HttpClient anonymous, string query = "")
    {
        var response = await anonymous.GetAsync($"{system.Project("api").Url}/api/blog/posts?pageSize=50{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Slugs(JsonElement page) =>
        page.GetProperty("posts").GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!);

    [Fact]
    public async Task Drafts_are_invisible_to_the_public_and_scheduled_posts_appear_at_their_time()
    {
        using var admin = await system.AdminAsync();
        using var student = await system.SignUpAsync("Student", "blogreader");
        using var anonymous = new HttpClient();
        var tag = Unique("tag");
        var draftSlug = Unique("draft");
        var draft = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("A draft", "draft", draftSlug, tags: [tag]), HttpStatusCode.Created);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.False(draft.GetProperty("isPublic").GetBoolean());

        // The slug comes from the title when left out; a taken one is 409; a malformed one names the field.
        var title = $"Hello Blog World {Guid.NewGuid():N}";
        var published = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts",
            Post(title, "published", tags: [tag], body: "**Bold** " + string.Join(' ', Enumerable.Repeat("word", 450))), HttpStatusCode.Created);
        var publishedSlug = published.GetProperty("slug").GetString()!;
        Assert.Equal(title.ToLowerInvariant().Replace(' ', '-'), publishedSlug);
        Assert.Equal(3, published.GetProperty("readingMinutes").GetInt32()); // 451 words at 200 a minute
        var taken = await admin.SendAsync(HttpMethod.Post, "/api/admin/blog/posts", Post(title, "draft"));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("slug-taken", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var badSlug = await admin.SendAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Bad slug", "draft", slug: "Not A Slug!"));
        Assert.True((await badSlug.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("slug", out _));
        var pastSchedule = await admin.SendAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Late", "scheduled", publishAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.True((await pastSchedule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("publishAt", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Mine", "published"))).StatusCode);

        // A post scheduled a few seconds ahead: nobody but admins sees it until then, on either Api replica.
        var scheduledSlug = Unique("scheduled");
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        var scheduled = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Coming soon", "scheduled", scheduledSlug, at, [tag]), HttpStatusCode.Created);
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());

        var page = await PublicPageAsync(anonymous, $"&tag={tag}");
        Assert.Equal([publishedSlug], Slugs(page));
        Assert.Contains(page.GetProperty("tags").EnumerateArray(), t => t.GetProperty("tag").GetString() == tag && t.GetProperty("count").GetInt32() == 1);
        foreach (var hidden in new[] { draftSlug, scheduledSlug })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{system.Project("api").Url}/api/blog/posts/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Get, $"/api/blog/posts/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Get, $"/api/blog/posts/{hidden}/comments")).StatusCode);
            await admin.OkJsonAsync(HttpMethod.Get, $"/api/blog/posts/{hidden}");
        }
        var article = await anonymous.GetFromJsonAsync<JsonElement>($"{system.Project("api").Url}/api/blog/posts/{publishedSlug}");
        Assert.StartsWith("<p><strong>Bold</strong> word word", article.GetProperty("bodyHtml").GetString());
        Assert.Equal(title, article.GetProperty("title").GetString());

        // At its time the scheduled post is out, newest first, as published, without anything having run.
        await Eventually.TrueAsync(async () => Slugs(await PublicPageAsync(anonymous, $"&tag={tag}")).SequenceEqual([scheduledSlug, publishedSlug]),
            TimeSpan.FromSeconds(30), "the scheduled post listed at its time");
        Assert.True(DateTimeOffset.UtcNow >= at);
        var released = await anonymous.GetFromJsonAsync<JsonElement>($"{system.Project("api").Url}/api/blog/posts/{scheduledSlug}");
        Assert.Equal("published", released.GetProperty("status").GetString());

        // Back to draft: gone again. Deleted: gone for admins too.
        await admin.OkJsonAsync(HttpMethod.Put, $"/api/admin/blog/posts/{scheduled.GetProperty("id").GetGuid()}", Post("Coming soon", "draft", scheduledSlug, tags: [tag]));
        Assert.Equal([publishedSlug], Slugs(await PublicPageAsync(anonymous, $"&tag={tag}")));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/blog/posts/{draft.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Get, $"/api/blog/posts/{draftSlug}")).StatusCode);
        await using var db = system.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "blog.post-deleted" && a.Details == draftSlug));
    }

    [Fact]
    public async Task The_feed_is_valid_rss_linked_from_the_blog_and_lists_only_published_posts()
    {
        using var admin = await system.AdminAsync();
        var publishedSlug = Unique("feed-published");
        var draftSlug = Unique("feed-draft");
        var scheduledSlug = Unique("feed-scheduled");
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("In the feed & <more>", "published", publishedSlug, tags: ["feeds", "news"]), HttpStatusCode.Created);
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Not in the feed", "draft", draftSlug), HttpStatusCode.Created);
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Not yet", "scheduled", scheduledSlug, DateTimeOffset.UtcNow.AddHours(1)), HttpStatusCode.Created);

        using var web = new HttpClient { BaseAddress = new Uri(system.Project("web").Url) };
        using var response = await web.GetAsync("/blog/feed.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        // RSS 2.0's required elements: rss@version, channel with title, link and description; each item a title or description.
        var rss = feed.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", rss.Attribute("version")?.Value);
        var channel = Assert.Single(rss.Elements("channel"));
        foreach (var required in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace(channel.Element(required)?.Value), $"channel/{required}");
        }
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.EndsWith("/blog/feed.xml", channel.Element(atom + "link")?.Attribute("href")?.Value);
        var items = channel.Elements("item").ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Element("title")?.Value));
            Assert.True(Uri.TryCreate(item.Element("link")?.Value, UriKind.Absolute, out _));
            Assert.True(DateTimeOffset.TryParse(item.Element("pubDate")?.Value, out var published) && published <= DateTimeOffset.UtcNow);
        }
        var links = items.Select(i => i.Element("link")!.Value).ToList();
        var ours = Assert.Single(items, i => i.Element("link")!.Value.EndsWith($"/blog/{publishedSlug}"));
        Assert.Equal("In the feed & <more>", ours.Element("title")!.Value); // escaped in the XML, intact once parsed
        Assert.Equal(["feeds", "news"], ours.Elements("category").Select(c => c.Value));
        Assert.DoesNotContain(links, l => l.EndsWith($"/blog/{draftSlug}") || l.EndsWith($"/blog/{scheduledSlug}"));

        // Every blog page names the feed in its head, rendered on the server.
        // (Blazor encodes more than it must, e.g. "+" as "&#x2B;": the markup is compared decoded.)
        foreach (var path in new[] { "/blog", $"/blog/{publishedSlug}" })
        {
            var html = WebUtility.HtmlDecode(await web.GetStringAsync(path));
            var head = html[..Math.Max(0, html.IndexOf("</head>", StringComparison.Ordinal))];
            Assert.True(head.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"The CourseHub blog\" href=\"/blog/feed.xml\""), $"{path}: {head}");
        }
        var raw = await web.GetStringAsync($"/blog/{publishedSlug}");
        Assert.Contains("content=\"In the feed &amp; &lt;more&gt;\"", raw); // encoded in the attribute, so it cannot break out
        var articleHtml = WebUtility.HtmlDecode(raw);
        Assert.Contains("property=\"og:title\" content=\"In the feed & <more>\"", articleHtml);
        Assert.Contains("property=\"og:type\" content=\"article\"", articleHtml);
        Assert.Contains("min read", articleHtml);
    }

    [Fact]
    public async Task First_comments_are_held_until_an_admin_approves_and_then_the_author_is_trusted()
    {
        using var admin = await system.AdminAsync();
        using var author = await system.SignUpAsync("Student", "blogcommenter");
        using var reader = await system.SignUpAsync("Student", "blogcommentreader");
        var slug = Unique("commented");
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Discuss this", "published", slug), HttpStatusCode.Created);
        var path = $"/api/blog/posts/{slug}/comments";

        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{system.Project("api").Url}{path}", new { text = "Anonymous" })).StatusCode);
        var empty = await author.SendAsync(HttpMethod.Post, path, new { text = "  " });
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));

        var first = await author.OkJsonAsync(HttpMethod.Post, path, new { text = "<img src=x onerror=alert(1)> First!" }, HttpStatusCode.Created);
        Assert.True(first.GetProperty("held").GetBoolean());
        var firstId = first.GetProperty("id").GetGuid();
        // Held: the author sees it (marked), other readers do not; it is in the admin's queue.
        Assert.Empty((await reader.OkJsonAsync(HttpMethod.Get, path)).GetProperty("items").EnumerateArray());
        var own = Assert.Single((await author.OkJsonAsync(HttpMethod.Get, path)).GetProperty("items").EnumerateArray());
        Assert.True(own.GetProperty("held").GetBoolean());
        var queue = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/blog/comments?pageSize=100");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == firstId && c.GetProperty("postSlug").GetString() == slug);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(HttpMethod.Post, $"/api/admin/blog/comments/{firstId}/approve")).StatusCode);

        var approved = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/blog/comments/{firstId}/approve");
        Assert.False(approved.GetProperty("held").GetBoolean());
        var shown = Assert.Single((await reader.OkJsonAsync(HttpMethod.Get, path)).GetProperty("items").EnumerateArray());
        Assert.Equal("<img src=x onerror=alert(1)> First!", shown.GetProperty("text").GetString()); // plain text, encoded when shown
        await Eventually.TrueAsync(async () => (await author.OkJsonAsync(HttpMethod.Get, "/api/me/notifications")).GetProperty("items").EnumerateArray()
            .Any(n => n.GetProperty("kind").GetString() == "blog-comment-approved"), TimeSpan.FromSeconds(10), "the author told of the approval");

        // Approved once, trusted after: the next comment is out at once. A new commenter's is held, and rejecting deletes it.
        var second = await author.OkJsonAsync(HttpMethod.Post, path, new { text = "Second thought" }, HttpStatusCode.Created);
        Assert.False(second.GetProperty("held").GetBoolean());
        var stranger = await reader.OkJsonAsync(HttpMethod.Post, path, new { text = "Buy cheap pills" }, HttpStatusCode.Created);
        Assert.True(stranger.GetProperty("held").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/blog/comments/{stranger.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(2, (await reader.OkJsonAsync(HttpMethod.Get, path)).GetProperty("items").GetArrayLength());
        var list = await reader.OkJsonAsync(HttpMethod.Get, "/api/blog/posts?pageSize=50");
        Assert.Equal(2, list.GetProperty("posts").GetProperty("items").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == slug)
            .GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task A_blog_comment_reported_to_the_threshold_is_hidden_and_the_admin_can_delete_it()
    {
        using var admin = await system.AdminAsync();
        var slug = Unique("reported");
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Reported comments", "published", slug), HttpStatusCode.Created);
        // An admin's comment is never held, so the report flow starts from a visible comment.
        var comment = (await admin.OkJsonAsync(HttpMethod.Post, $"/api/blog/posts/{slug}/comments", new { text = "Rude words" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var reporters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => system.SignUpAsync("Student", "blogreporter")));
        try
        {
            var receipts = new List<JsonElement>();
            foreach (var reporter in reporters)
            {
                // The wire name is blogComment; any case is accepted.
                receipts.Add(await reporter.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = reporter == reporters[0] ? "blogcomment" : "blogComment", targetId = comment, reason = "Rude" },
                    HttpStatusCode.Created));
            }
            Assert.Equal([false, false, true], receipts.Select(r => r.GetProperty("hidden").GetBoolean()));
            Assert.All(receipts, r => Assert.Equal("blogComment", r.GetProperty("targetType").GetString()));
            Assert.Empty((await reporters[0].OkJsonAsync(HttpMethod.Get, $"/api/blog/posts/{slug}/comments")).GetProperty("items").EnumerateArray());

            var queue = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/moderation?pageSize=100");
            var item = queue.GetProperty("items").EnumerateArray().First(i => i.GetProperty("targetId").GetGuid() == comment);
            Assert.Equal("Rude words", item.GetProperty("content").GetString());
            Assert.Equal($"/blog/{slug}#comments", item.GetProperty("link").GetString());
            Assert.Contains("Reported comments", item.GetProperty("context").GetString());
            await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{item.GetProperty("id").GetGuid()}/resolve", new { action = "delete", reason = "Not civil." });
            await using var db = system.CreateDbContext();
            Assert.False(await db.BlogComments.AnyAsync(c => c.Id == comment));
        }
        finally
        {
            foreach (var reporter in reporters)
            {
                reporter.Dispose();
            }
        }
    }

    [Fact]
    public async Task Authors_edit_and_delete_their_own_blog_comments_and_nobody_elses()
    {
        using var admin = await system.AdminAsync();
        using var author = await system.SignUpAsync("Student", "blogeditor");
        using var other = await system.SignUpAsync("Student", "blogeditother");
        var slug = Unique("edited");
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/blog/posts", Post("Edit your words", "published", slug), HttpStatusCode.Created);
        var comment = (await author.OkJsonAsync(HttpMethod.Post, $"/api/blog/posts/{slug}/comments", new { text = "Frist" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var refused = await other.SendAsync(HttpMethod.Put, $"/api/blog/comments/{comment}", new { text = "Mine now" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("not-yours", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(HttpMethod.Delete, $"/api/blog/comments/{comment}")).StatusCode);
        var tooLong = await author.SendAsync(HttpMethod.Put, $"/api/blog/comments/{comment}", new { text = new string('a', 4001) });
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));

        // An edit keeps the comment's place (held stays held) and marks it edited.
        var edited = await author.OkJsonAsync(HttpMethod.Put, $"/api/blog/comments/{comment}", new { text = "First" });
        Assert.Equal("First", edited.GetProperty("text").GetString());
        Assert.True(edited.GetProperty("held").GetBoolean());
        Assert.Equal(JsonValueKind.String, edited.GetProperty("editedAt").ValueKind);
        var mine = Assert.Single((await author.OkJsonAsync(HttpMethod.Get, $"/api/blog/posts/{slug}/comments")).GetProperty("items").EnumerateArray());
        Assert.Equal("First", mine.GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await author.SendAsync(HttpMethod.Delete, $"/api/blog/comments/{comment}")).StatusCode);
        Assert.Empty((await author.OkJsonAsync(HttpMethod.Get, $"/api/blog/posts/{slug}/comments")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await author.SendAsync(HttpMethod.Delete, $"/api/blog/comments/{comment}")).StatusCode);
    }
}
