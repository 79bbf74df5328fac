using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Contracts.Chat;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Identity;

/// <summary>
/// "Download my data" on the running system: the Api queues the export, the Worker builds the zip of JSON files, stores it in
/// blob storage and emails a short-lived link; the archive (read from the link in MailDev) holds the user's data and nobody else's.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class AccountExportTests(SystemFixture system)
{
    private const string ReadySubject = "Your CourseHub data is ready to download";

    private static readonly HttpClient Download = new();

    private async Task<HubConnection> ChatAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(system.Project("realtime").Url + ChatHubNames.Path, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static Task<ChatMessage> SayAsync(HubConnection connection, Guid conversationId, string text) =>
        connection.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage, new SendMessageRequest(conversationId, Guid.NewGuid().ToString("N"), text, null));

    /// <summary>The archive's files by name, as text.</summary>
    private static async Task<Dictionary<string, string>> ReadArchiveAsync(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }
        return files;
    }

    [Fact]
    public async Task The_emailed_archive_holds_the_users_data_and_nobody_elses()
    {
        var course = await system.PublishedCourseAsync($"Exported course {Guid.NewGuid():N}"[..24], priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "exporter");
        using var classmate = await system.SignUpAsync("Student", "exportclassmate");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var mark = Guid.NewGuid().ToString("N")[..10];

        // The student's own traces: a review, a question, a lesson comment, the completed lesson (and so a certificate), a chat message.
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = 5, text = $"Mine {mark}: clear lessons" }, HttpStatusCode.Created);
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = 2, text = $"Classmate secret {mark}" }, HttpStatusCode.Created);
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/questions", new { title = $"My question {mark}", bodyMarkdown = "Why?" }, HttpStatusCode.Created);
        var curriculum = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        var lesson = curriculum.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        await student.OkJsonAsync(HttpMethod.Post, $"/api/lessons/{lesson}/comments", new { text = $"My comment {mark}" }, HttpStatusCode.Created);
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/lessons/{lesson}/comments", new { text = $"Classmate comment {mark}" }, HttpStatusCode.Created);
        await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{lesson}/complete");
        var conversation = (await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = course.Teacher.Id }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await using (var studentChat = await ChatAsync(student.Token))
        await using (var teacherChat = await ChatAsync(course.Teacher.Token))
        {
            await SayAsync(studentChat, conversation, $"Student says {mark}");
            await SayAsync(teacherChat, conversation, $"Teacher private answer {mark}");
        }
        await using (var db = system.CreateDbContext())
        {
            await Eventually.TrueAsync(() => db.Certificates.AnyAsync(c => c.UserId == student.Id && c.CourseId == course.Id),
                TimeSpan.FromSeconds(60), "the certificate of the completed course");
        }
        var teacherName = (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me")).GetProperty("displayName").GetString()!;

        // Two requests at once: one export is prepared, the other is told so (the database's partial unique index decides).
        var answers = await Task.WhenAll(student.SendAsync(HttpMethod.Post, "/api/me/export"), student.SendAsync(HttpMethod.Post, "/api/me/export"));
        var accepted = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("export-pending", (await IdentityClient.ProblemAsync(refused)).GetProperty("code").GetString());
        var pending = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", pending.GetProperty("status").GetString());

        // The link arrives by email (to the student only) and downloads the archive.
        var mail = await Eventually.ValueAsync(async () => (await system.Mail.ToAsync(student.Email)).FirstOrDefault(m => m.Subject == ReadySubject),
            TimeSpan.FromSeconds(90), "the export email to the student");
        Assert.DoesNotContain(await system.Mail.ToAsync(classmate.Email), m => m.Subject == ReadySubject);
        var link = new Uri(LinkPattern().Match(mail.Text!).Value);
        Assert.Contains("sig=", link.Query); // a SAS link: short-lived and signed, not a public blob
        using var response = await Download.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "");
        var files = await ReadArchiveAsync(await response.Content.ReadAsByteArrayAsync());

        foreach (var name in new[] { "profile.json", "enrollments.json", "orders.json", "progress.json", "certificates.json", "reviews.json",
                     "questions.json", "comments.json", "messages.json", "notifications.json", "bookings.json" })
        {
            Assert.True(files.ContainsKey(name), $"the archive has {name}: {string.Join(", ", files.Keys)}");
        }
        var profile = JsonDocument.Parse(files["profile.json"]).RootElement;
        Assert.Equal(student.Email, profile.GetProperty("email").GetString());
        Assert.Equal(student.Id, profile.GetProperty("id").GetGuid());
        Assert.Contains(JsonDocument.Parse(files["enrollments.json"]).RootElement.EnumerateArray(), e => e.GetProperty("courseId").GetGuid() == course.Id);
        Assert.Contains($"Mine {mark}", files["reviews.json"]);
        Assert.Contains($"My question {mark}", files["questions.json"]);
        Assert.Contains($"My comment {mark}", files["comments.json"]);
        Assert.Contains(JsonDocument.Parse(files["progress.json"]).RootElement.GetProperty("lessons").EnumerateArray(),
            p => p.GetProperty("lessonId").GetGuid() == lesson && p.GetProperty("completedAt").ValueKind == JsonValueKind.String);
        Assert.Contains(JsonDocument.Parse(files["certificates.json"]).RootElement.EnumerateArray(), c => c.GetProperty("courseId").GetGuid() == course.Id);
        var chat = Assert.Single(JsonDocument.Parse(files["messages.json"]).RootElement.EnumerateArray());
        Assert.Equal(teacherName, chat.GetProperty("with").GetString()); // the other side: a display name only
        Assert.Equal($"Student says {mark}", Assert.Single(chat.GetProperty("messagesYouSent").EnumerateArray()).GetProperty("text").GetString());

        // Nobody else's data anywhere in the archive: not the classmate's words or address, not the teacher's words, address or id.
        var everything = string.Join("\n", files.Values);
        Assert.DoesNotContain($"Classmate secret {mark}", everything);
        Assert.DoesNotContain($"Classmate comment {mark}", everything);
        Assert.DoesNotContain($"Teacher private answer {mark}", everything);
        Assert.DoesNotContain(classmate.Email, everything);
        Assert.DoesNotContain(course.Teacher.Email, everything);
        Assert.DoesNotContain(classmate.Id.ToString(), everything);
        Assert.DoesNotContain(course.Teacher.Id.ToString(), everything);

        // The security page's view: ready, with a fresh link of its own; a new export may be asked for now.
        var latest = await student.OkJsonAsync(HttpMethod.Get, "/api/me/export");
        Assert.Equal("ready", latest.GetProperty("status").GetString());
        Assert.Equal(pending.GetProperty("id").GetGuid(), latest.GetProperty("id").GetGuid());
        using var again = await Download.GetAsync(latest.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(latest.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task Export_needs_a_signed_in_user_and_the_status_says_when_there_is_none()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/me/export", null)).StatusCode);
        using var user = await system.SignUpAsync("Student", "noexport");
        var none = await user.SendAsync(HttpMethod.Get, "/api/me/export");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
