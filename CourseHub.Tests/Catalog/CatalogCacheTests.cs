using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Features.Catalog;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

[Collection(SystemCollection.Name)]
public sealed class CatalogCacheTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private static async Task<string?> FirstTitleAsync(string replica, string word)
    {
        var result = await Http.GetFromJsonAsync<JsonElement>($"{replica}/api/courses?q={word}");
        return result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).FirstOrDefault();
    }

    [Fact]
    public async Task A_saved_change_is_visible_on_every_api_replica_within_one_second()
    {
        var replicas = system.Project("api").ReplicaUrls.ToList();
        Assert.Equal(2, replicas.Count);
        var word = UniqueWord();
        var course = (await system.SaveAsync(Course($"{word} original title")))[0];

        // Warm both replicas' caches (L1 in process, L2 in Redis) with the old title.
        foreach (var replica in replicas)
        {
            Assert.Equal($"{word} original title", await FirstTitleAsync(replica, word));
            Assert.Equal($"{word} original title", await FirstTitleAsync(replica, word));
        }
        var detailsBefore = await Http.GetFromJsonAsync<JsonElement>($"{replicas[1]}/api/courses/{course.Slug}");
        Assert.Equal($"{word} original title", detailsBefore.GetProperty("title").GetString());

        // Change the course and announce it through the Api's own CatalogVersion (what every writer calls after saving).
        var saved = await system.RenameAndAnnounceAsync(course.Id, $"{word} renamed title");

        foreach (var replica in replicas)
        {
            while (await FirstTitleAsync(replica, word) != $"{word} renamed title")
            {
                Assert.True(saved.Elapsed < TimeSpan.FromSeconds(1), $"{replica} still serves the old title after {saved.ElapsedMilliseconds} ms");
                await Task.Delay(25);
            }
        }
        var details = await Http.GetFromJsonAsync<JsonElement>($"{replicas[1]}/api/courses/{course.Slug}");
        Assert.Equal($"{word} renamed title", details.GetProperty("title").GetString());
        Assert.True(saved.Elapsed < TimeSpan.FromSeconds(1), $"took {saved.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Without_redis_the_catalog_still_answers_and_recovers_when_it_is_back()
    {
        var api = system.Project("api").Url;
        var word = UniqueWord();
        var course = (await system.SaveAsync(Course($"{word} resilient")))[0];
        Assert.Equal($"{word} resilient", await FirstTitleAsync(api, word));

        await system.StopAsync("redis");
        try
        {
            // Cached and uncached reads both still answer, from the database.
            Assert.Equal($"{word} resilient", await FirstTitleAsync(api, word));
            var other = UniqueWord();
            await system.SaveAsync(Course($"{other} while redis is down"));
            Assert.Equal($"{other} while redis is down", await FirstTitleAsync(api, other));
            using var details = await Http.GetAsync($"{api}/api/courses/{course.Slug}");
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"{api}/api/categories")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"{api}/api/courses/suggest?q={other}")).StatusCode);
        }
        finally
        {
            await system.StartAsync("redis");
            await system.WaitForHealthyAsync("redis", TimeSpan.FromMinutes(1));
        }
        await Eventually.TrueAsync(async () => await FirstTitleAsync(api, word) == $"{word} resilient", TimeSpan.FromSeconds(20), "catalog answers after Redis is back");
        // The tests after this one expect every service reconnected.
        await system.WaitUntilServicesHealthyAsync(TimeSpan.FromSeconds(60));
    }
}
