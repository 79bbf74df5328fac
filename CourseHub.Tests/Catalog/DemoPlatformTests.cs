using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Catalog;

/// <summary>The demo platform the AppHost seeds: people who can sign in, and course files that open.</summary>
[Collection(SystemCollection.Name)]
public sealed class DemoPlatformTests(SystemFixture system)
{
    private async Task<StudioUser> SignInAsync(string email, string password)
    {
        var client = new IdentityClient(system);
        return new StudioUser(client, email, (await client.LoginOkAsync(email, password)).AccessToken);
    }

    [Fact]
    public async Task Demo_teachers_students_and_admin_sign_in_with_the_generated_demo_password()
    {
        // The AppHost generated the password for this data folder and handed it to the Api.
        var password = (await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "demo-password"))).Trim();
        foreach (var (email, role) in new[] { ("ada.okafor@coursehub.test", "Teacher"), ("sam.carter@coursehub.test", "Student"), ("demo.admin@coursehub.test", "Admin") })
        {
            using var user = await SignInAsync(email, password);
            var me = await user.OkJsonAsync(HttpMethod.Get, "/api/me");
            Assert.Contains(role, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        // The demo teacher owns the demo courses in the studio, and her course page shows her profile.
        using var ada = await SignInAsync("ada.okafor@coursehub.test", password);
        var mine = await ada.OkJsonAsync(HttpMethod.Get, "/api/teach/courses");
        Assert.NotEmpty(mine.EnumerateArray());
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{mine[0].GetProperty("slug").GetString()}");
        Assert.False(string.IsNullOrEmpty(page.GetProperty("teacher").GetProperty("bio").GetString()));
    }

    [Fact]
    public async Task A_demo_download_lesson_opens_a_real_pdf()
    {
        using var admin = await system.AdminAsync();
        var courses = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/courses?status=Published&pageSize=100");
        var demo = courses.GetProperty("items").EnumerateArray().First(c => c.GetProperty("teacherName").GetString() == "Ada Okafor");
        var id = demo.GetProperty("id").GetGuid();
        var course = await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var download = course.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Single(l => l.GetProperty("type").GetString() == "Download");
        Assert.True(download.GetProperty("hasDownload").GetBoolean());

        byte[]? pdf = null;
        await Eventually.TrueAsync(async () =>
        {
            var media = await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/lessons/{download.GetProperty("id").GetGuid()}/media");
            using var blobs = new HttpClient();
            var response = await blobs.GetAsync(media.GetProperty("download").GetProperty("url").GetString());
            pdf = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
            return pdf is not null;
        }, TimeSpan.FromSeconds(30), "the demo workbook in blob storage");
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf!, 0, 5));
        Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(pdf!));
    }
}
