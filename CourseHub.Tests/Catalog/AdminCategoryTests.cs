using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>Admin-managed categories, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class AdminCategoryTests(SystemFixture system)
{
    private async Task<JsonElement[]> PublicCategoriesAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        return (await http.GetFromJsonAsync<JsonElement>("/api/categories")).EnumerateArray().ToArray();
    }

    [Fact]
    public async Task An_admin_adds_renames_and_deletes_a_category_and_the_public_list_follows()
    {
        using var admin = await system.AdminAsync();
        var word = UniqueWord(10);

        var created = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/categories", new { name = $"Beekeeping {word}", description = "Hives and honey." },
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"beekeeping-{word}", created.GetProperty("slug").GetString());
        Assert.True(id > 12, "the new category gets an id after the seeded ones");
        await Eventually.TrueAsync(async () => (await PublicCategoriesAsync()).Any(c => c.GetProperty("slug").GetString() == $"beekeeping-{word}"),
            TimeSpan.FromSeconds(5), "the new category in the public list");

        // Bad input names the field; a taken slug too.
        var bad = await admin.SendAsync(HttpMethod.Post, "/api/admin/categories", new { name = " ", slug = "Not A Slug!" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(bad, "name"));
        var taken = await admin.SendAsync(HttpMethod.Post, "/api/admin/categories", new { name = "Programming again", slug = "programming" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(taken, "slug"));

        var renamed = await admin.OkJsonAsync(HttpMethod.Put, $"/api/admin/categories/{id}", new { name = $"Apiculture {word}", slug = $"apiculture-{word}", sortOrder = 0 });
        Assert.Equal(0, renamed.GetProperty("sortOrder").GetInt32());
        await Eventually.TrueAsync(async () => (await PublicCategoriesAsync())[0].GetProperty("slug").GetString() == $"apiculture-{word}",
            TimeSpan.FromSeconds(5), "the renamed category first in the public list");

        // A category in use cannot be deleted; an empty one can.
        await system.SaveAsync(Course($"{word} hive course", c => c.CategoryId = id));
        var inUse = await admin.SendAsync(HttpMethod.Delete, $"/api/admin/categories/{id}");
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        var spare = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/categories", new { name = $"Spare {word}" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/categories/{spare.GetProperty("id").GetInt32()}")).StatusCode);

        var audit = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/audit?pageSize=100");
        var actions = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("details").GetString() is { } details && details.Contains(word))
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("category.created", actions);
        Assert.Contains("category.updated", actions);
        Assert.Contains("category.deleted", actions);
    }

    [Fact]
    public async Task Only_admins_manage_categories()
    {
        using var teacher = await system.SignUpAsync("Teacher", "category-teacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Post, "/api/admin/categories", new { name = "Nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await teacher.Client.SendAsync(HttpMethod.Get, "/api/admin/categories", null)).StatusCode);
    }
}
