using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Teaching;

/// <summary>A signed-in user of the studio routes: sends requests with the access token and checks the answers.</summary>
public sealed record StudioUser(IdentityClient Client, string Email, string Token) : IDisposable
{
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        Client.SendAsync(method, path, Token, body);

    public async Task<JsonElement> OkJsonAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The user's id: the access token's <c>sub</c> claim.</summary>
    public Guid Id
    {
        get
        {
            var payload = Token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetGuid();
        }
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>Signing in to the studio and writing courses through its routes, for the teaching tests.</summary>
public static class Studio
{
    /// <summary>
    /// A new, activated and signed-in user. A teacher is also onboarded for payouts (through the Stripe emulator) unless
    /// <paramref name="onboardPayouts"/> is false, since a paid course cannot be submitted for review without it.
    /// </summary>
    public static async Task<StudioUser> SignUpAsync(this SystemFixture system, string role, string prefix, bool onboardPayouts = true)
    {
        var client = new IdentityClient(system);
        var email = IdentityClient.NewEmail(prefix);
        await client.RegisterAndActivateAsync(email, role: role);
        var tokens = await client.LoginOkAsync(email);
        var user = new StudioUser(client, email, tokens.AccessToken);
        if (role == "Teacher" && onboardPayouts)
        {
            await system.OnboardAsync(user);
        }
        return user;
    }

    private static readonly SemaphoreSlim AdminSignIn = new(1, 1);
    private static (SystemFixture System, string Token, DateTime At)? _admin;

    /// <summary>
    /// The bootstrap admin, signed in. The access token is shared for a few minutes (it lives ten): the Api allows one
    /// account 20 sign-ins a minute, and dozens of tests at once each needing an admin would otherwise be refused.
    /// </summary>
    public static async Task<StudioUser> AdminAsync(this SystemFixture system)
    {
        var client = new IdentityClient(system);
        await AdminSignIn.WaitAsync();
        try
        {
            if (_admin is not { } cached || cached.System != system || DateTime.UtcNow - cached.At > TimeSpan.FromMinutes(4))
            {
                var tokens = await client.LoginOkAsync(SystemFixture.AdminEmail, SystemFixture.AdminPassword);
                _admin = cached = (system, tokens.AccessToken, DateTime.UtcNow);
            }
            return new StudioUser(client, SystemFixture.AdminEmail, cached.Token);
        }
        finally
        {
            AdminSignIn.Release();
        }
    }

    public static object Draft(string title, string? categorySlug = "programming") => new
    {
        title,
        subtitle = "Studio subtitle",
        description = "A **real** description.",
        categorySlug,
        level = "Beginner",
        language = "en",
        priceMinor = 1999,
        currency = "usd",
        learningOutcomes = new[] { "Ship things" },
        requirements = new[] { "A laptop" },
    };

    /// <summary>
    /// Creates a draft that meets every submission rule — a title, a description, a thumbnail, a category, an outcome and
    /// one module with one free-preview text lesson — ready for review; returns its id.
    /// </summary>
    public static async Task<Guid> CompleteDraftAsync(this StudioUser teacher, string title)
    {
        var id = await DraftWithLessonAsync(teacher, title);
        await teacher.UploadThumbnailAsync(id);
        return id;
    }

    /// <summary>A draft with one module and one free-preview text lesson, but no thumbnail (for tests that count a course's blobs).</summary>
    public static async Task<Guid> DraftWithLessonAsync(this StudioUser teacher, string title)
    {
        var created = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", Draft(title), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var module = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Getting started" }, HttpStatusCode.Created);
        var moduleId = module.GetProperty("id").GetGuid();
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{moduleId}/lessons",
            new { title = "Welcome", type = "Text", textMarkdown = "Hello", isFreePreview = true }, HttpStatusCode.Created);
        return id;
    }

    public static async Task UploadThumbnailAsync(this StudioUser teacher, Guid courseId) =>
        await teacher.UploadAsync(HttpMethod.Put, $"/api/teach/courses/{courseId}/thumbnail", MediaTestFiles.Png(), "cover.png").OkAsync();

    /// <summary>
    /// Gives whatever a course still lacks for review what the submission rules ask for: a thumbnail, and content for
    /// each empty lesson (text, a small video or PDF, a one-question quiz), a description and an outcome. For tests whose
    /// subject is something else.
    /// </summary>
    public static async Task FillForReviewAsync(this StudioUser teacher, Guid courseId)
    {
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}");
        var outcomes = course.GetProperty("learningOutcomes").EnumerateArray().Select(o => o.GetString()).ToList();
        var description = course.GetProperty("description").GetString();
        if (outcomes.Count == 0 || string.IsNullOrWhiteSpace(description))
        {
            string? Text(string name) => course.GetProperty(name).GetString();
            await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{courseId}", new
            {
                title = Text("title"), subtitle = Text("subtitle"),
                description = string.IsNullOrWhiteSpace(description) ? "What the course is about." : description,
                categorySlug = Text("categorySlug"), level = Text("level"), language = Text("language"),
                priceMinor = course.GetProperty("priceMinor").GetInt64(), currency = Text("currency"),
                learningOutcomes = outcomes.Count == 0 ? ["Pass the test"] : outcomes,
                requirements = course.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()).ToList(),
            });
        }
        if (course.GetProperty("thumbnailUrl").ValueKind == JsonValueKind.Null)
        {
            await teacher.UploadThumbnailAsync(courseId);
        }
        foreach (var lesson in course.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
        {
            var path = $"/api/teach/courses/{courseId}/lessons/{lesson.GetProperty("id").GetGuid()}";
            switch (lesson.GetProperty("type").GetString())
            {
                case "Text" when string.IsNullOrWhiteSpace(lesson.GetProperty("textMarkdown").GetString()):
                    await teacher.OkJsonAsync(HttpMethod.Put, path, new { textMarkdown = "Lesson text." });
                    break;
                case "Video" when !lesson.GetProperty("hasVideo").GetBoolean():
                    // A real (tiny) video: the Worker refuses and removes an upload that is not one, which would undo this.
                    await teacher.UploadAsync(HttpMethod.Put, $"{path}/video", await Video.TestVideos.ClipAsync(seconds: 1, width: 160, height: 90), "lesson.mp4").OkAsync();
                    break;
                case "Download" when !lesson.GetProperty("hasDownload").GetBoolean():
                    await teacher.UploadAsync(HttpMethod.Put, $"{path}/download", MediaTestFiles.Pdf(), "lesson.pdf").OkAsync();
                    break;
                case "Quiz" when lesson.GetProperty("questionCount").GetInt32() == 0:
                    await teacher.OkJsonAsync(HttpMethod.Put, $"{path}/quiz", new
                    {
                        questions = new[] { new { kind = "fillIn", prompt = "Two and two?", points = 1, acceptedAnswers = new[] { "4" } } },
                    });
                    break;
            }
        }
    }

    /// <summary>Fills what the course lacks (<see cref="FillForReviewAsync"/>) and sends it to review.</summary>
    public static async Task<JsonElement> SubmitCompleteAsync(this StudioUser teacher, Guid courseId)
    {
        // A test's stand-in video (bytes that only look like an MP4) is removed by the Worker's probe a moment after its
        // upload; if that lands between the fill and the submit, the course is incomplete again: fill and submit once more.
        for (var attempt = 1; ; attempt++)
        {
            await teacher.FillForReviewAsync(courseId);
            var response = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/submit");
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || attempt == 3)
            {
                // Sent once more through the checked call, which fails the test with the Api's answer.
                return await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/submit");
            }
            // No pause: the 422 means the probe has already removed the stand-in, so the next fill uploads a real clip.
        }
    }
}
