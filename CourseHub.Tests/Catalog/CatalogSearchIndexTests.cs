using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Catalog.SearchIndex;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Npgsql;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>
/// The in-process search index against the database it replaces: on a generated catalog, every query shape, filter,
/// sort and page answers exactly as PostgreSQL does (same courses in the same order, same totals and facets); and
/// through the running Api, a change is searchable at once and a rebuild never makes the catalog wrong.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CatalogSearchIndexTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Vocabulary =
    [
        "python", "data", "learning", "machine", "web", "design", "cooking", "guitar", "photography", "marketing",
        "finance", "yoga", "painting", "spanish", "writing", "history", "science", "course", "beginners", "advanced",
        "cafe", "naïve", "running", "runner", "runs", "deep", "networks", "kitchen", "music", "theory",
    ];

    private static readonly string[] Fillers = ["the", "a", "for", "and", "of", "with", "to", "in", "your", "from"];

    /// <summary>A made-up language code only this test's courses have, so other tests' courses never enter the comparison.</summary>
    private static string UniqueLanguage() => "x-" + new string(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    private static string Words(Random random, int min, int max, bool fillers)
    {
        var count = random.Next(min, max + 1);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ =>
            fillers && random.Next(3) == 0 ? Fillers[random.Next(Fillers.Length)] : Vocabulary[random.Next(Vocabulary.Length)]));
    }

    private async Task<string> SaveGeneratedCatalogAsync(int count, int seed)
    {
        var language = UniqueLanguage();
        var random = new Random(seed);
        var categories = CategorySeed.All.Select(c => c.Id).ToArray();
        var publishedAt = DateTimeOffset.UtcNow.AddDays(-30);
        var courses = Enumerable.Range(0, count).Select(i => Course(Words(random, 2, 5, fillers: true), c =>
        {
            c.Subtitle = random.Next(4) == 0 ? null : Words(random, 2, 8, fillers: true);
            c.Description = Words(random, 5, 60, fillers: true);
            c.LearningOutcomes = [Words(random, 1, 4, fillers: false)];
            c.TeacherName = $"Teacher {Words(random, 1, 1, fillers: false)}";
            c.Language = language;
            c.CategoryId = categories[random.Next(categories.Length)];
            c.Level = Enum.GetValues<CourseLevel>()[random.Next(4)];
            c.PriceMinor = new long[] { 0, 999, 1999, 1999, 4999 }[random.Next(5)];
            // Few distinct values, so ties are common and the order of ties (by id) is checked too.
            c.RatingAverage = new[] { 3.5m, 4.0m, 4.5m, 4.5m }[random.Next(4)];
            c.RatingCount = random.Next(3) * 10;
            c.EnrollmentCount = random.Next(4) * 100;
            c.PublishedAt = publishedAt.AddHours(random.Next(10));
        })).ToArray();
        await system.SaveAsync(courses);
        return language;
    }

    private static IEnumerable<string> Queries(Random random)
    {
        string W() => Vocabulary[random.Next(Vocabulary.Length)];
        yield return "";
        yield return "the";
        yield return "zzqqnothing";
        for (var i = 0; i < 12; i++)
        {
            yield return W();
        }
        for (var i = 0; i < 8; i++)
        {
            yield return $"{W()} {W()}";
            yield return $"{W()} or {W()}";
            yield return $"{W()} -{W()}";
            yield return $"\"{W()} {W()}\"";
            yield return $"\"{W()} the {W()}\"";
            yield return $"{W()} \"{W()} {W()}\" or {W()}";
        }
        yield return "-python";
        yield return "naive cafe";
        yield return "run";
        yield return "learning the python or data -cooking";
    }

    private static readonly string[][] Variants =
    [
        [],
        ["sort=relevance"],
        ["sort=popular"],
        ["sort=rating"],
        ["sort=newest"],
        ["sort=price_asc", "price=paid"],
        ["sort=price_desc", "level=beginner"],
        ["category=programming", "minRating=4"],
        ["minPrice=500", "maxPrice=2500", "pageSize=5", "page=2"],
        ["price=free", "pageSize=3", "page=3"],
    ];

    private static CatalogQuery Parse(string q, string language, string[] variant)
    {
        var fields = new Dictionary<string, StringValues> { ["language"] = language };
        if (q.Length > 0)
        {
            fields["q"] = q;
        }
        foreach (var pair in variant)
        {
            var parts = pair.Split('=');
            fields[parts[0]] = parts[1];
        }
        Assert.True(CatalogQuery.TryParse(new QueryCollection(fields), out var query, out var errors), string.Join(", ", errors.Keys));
        return query;
    }

    [Fact]
    public async Task The_index_answers_every_query_shape_exactly_as_the_database()
    {
        var language = await SaveGeneratedCatalogAsync(count: 400, seed: 20261204);
        await using var dataSource = NpgsqlDataSource.Create(system.ConnectionString("coursehub"));
        using var index = new CatalogSearchIndex(dataSource, NullLogger.Instance, enabled: true);
        await index.BuildUntilDoneAsync(CancellationToken.None);
        var search = new CatalogSearch(dataSource, index);

        var random = new Random(7);
        var compared = 0;
        var nonEmpty = 0;
        foreach (var q in Queries(random))
        {
            foreach (var variant in Variants)
            {
                var query = Parse(q, language, variant);
                var fromIndex = await index.TrySearchAsync(query, fuzzy: false, CancellationToken.None);
                Assert.True(fromIndex is not null, $"The index did not answer q=\"{q}\"");
                var fromDatabase = await search.SearchDatabaseAsync(query, fuzzy: false, CancellationToken.None);
                Assert.True(JsonSerializer.Serialize(fromDatabase, Json) == JsonSerializer.Serialize(fromIndex, Json),
                    $"q=\"{q}\" {string.Join('&', variant)}:\n database {Describe(fromDatabase)}\n index    {Describe(fromIndex)}");
                compared++;
                nonEmpty += fromDatabase.Items.Count > 0 ? 1 : 0;
            }
        }
        // The comparison means something only if most answers have results to order.
        Assert.True(nonEmpty > compared / 2, $"only {nonEmpty} of {compared} answers had results");
    }

    private static string Describe(CourseSearchResponse result) =>
        $"total {result.Total}, facets {JsonSerializer.Serialize(result.Facets, Json)}, items {string.Join(' ', result.Items.Select(i => i.Id.ToString()[..8]))}";

    [Fact]
    public async Task A_change_written_straight_to_the_database_is_in_the_next_search()
    {
        await ReadyIndexAsync();
        var before = UniqueWord();
        var after = UniqueWord();
        var course = (await system.SaveAsync(Course($"Index freshness {before}")))[0];
        Assert.Equal(1, await TotalAsync($"q={before}"));

        await using (var db = system.CreateDbContext())
        {
            await db.Courses.Where(c => c.Id == course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, $"Index freshness {after}"));
        }
        Assert.Equal(0, await TotalAsync($"q={before}"));
        Assert.Equal(1, await TotalAsync($"q={after}"));

        await using (var db = system.CreateDbContext())
        {
            await db.Courses.Where(c => c.Id == course.Id).ExecuteDeleteAsync();
        }
        Assert.Equal(0, await TotalAsync($"q={after}"));
    }

    [Fact]
    public async Task While_an_admin_rebuilds_the_index_searches_still_find_everything()
    {
        await ReadyIndexAsync();
        var word = UniqueWord();
        await system.SaveAsync(Course($"Rebuild {word} one"), Course($"Rebuild {word} two", c => c.PriceMinor = 0));
        using var admin = await AdminClientAsync();

        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            using var rebuild = await admin.PostAsync($"{replica}/api/admin/catalog/search-index/rebuild", null);
            Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        }
        // Straight after the rebuild began (the index is dropped first), and until it is back, answers stay right.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string state;
        do
        {
            Assert.Equal(2, await TotalAsync($"q={word}"));
            Assert.Equal(1, await TotalAsync($"q={word}&price=free"));
            state = await StateAsync(admin, system.Project("api").ReplicaUrls[0]);
        }
        while (state != "ready" && DateTime.UtcNow < deadline);
        Assert.Equal("ready", state);
        Assert.Equal(2, await TotalAsync($"q={word}"));
    }

    [Fact]
    public async Task Students_may_not_read_or_rebuild_the_index()
    {
        using var student = await system.SignUpAsync("Student", "index-student");
        using var status = await student.SendAsync(HttpMethod.Get, "/api/admin/catalog/search-index");
        using var rebuild = await student.SendAsync(HttpMethod.Post, "/api/admin/catalog/search-index/rebuild");
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebuild.StatusCode);
    }

    /// <summary>Waits until every Api replica's index is built, so the searches after it are the index's answers.</summary>
    private async Task ReadyIndexAsync()
    {
        using var admin = await AdminClientAsync();
        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            await Eventually.TrueAsync(async () => await StateAsync(admin, replica) == "ready", TimeSpan.FromSeconds(60),
                $"{replica}: the search index ready");
        }
    }

    /// <summary>An admin's client that can address each Api replica (the per-replica index is what is asked about).</summary>
    private async Task<HttpClient> AdminClientAsync()
    {
        using var admin = await system.AdminAsync();
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", admin.Token);
        return client;
    }

    private static async Task<string> StateAsync(HttpClient admin, string replica)
    {
        var status = await admin.GetFromJsonAsync<JsonElement>($"{replica}/api/admin/catalog/search-index");
        return status.GetProperty("state").GetString()!;
    }

    private async Task<int> TotalAsync(string query)
    {
        // Every replica, with a fresh maxPrice so no cached answer can hide what the index holds.
        var total = -1;
        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            var result = await Http.GetFromJsonAsync<JsonElement>($"{replica}/api/courses?{query}&maxPrice={Random.Shared.Next(1_000_000, 99_000_000)}");
            var here = result.GetProperty("total").GetInt32();
            Assert.True(total < 0 || total == here, $"{query}: replicas disagree ({total} and {here})");
            total = here;
        }
        return total;
    }
}
