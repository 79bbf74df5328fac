using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Infrastructure;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Learning;

/// <summary>The learning player's routes on the running system: who may open what, progress and resume, and quizzes.</summary>
[Collection(SystemCollection.Name)]
public sealed class LearningTests(SystemFixture system)
{
    /// <summary>A published paid course: a free-preview text lesson, a paid text lesson and a two-question quiz.</summary>
    private async Task<(ShopCourse Course, Guid Preview, Guid Paid, Guid Quiz, JsonElement Questions)> CourseWithQuizAsync(string title)
    {
        var teacher = await system.SignUpAsync("Teacher", "learnteacher");
        var id = await teacher.CompleteDraftAsync(title);
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var module = course.GetProperty("modules")[0];
        var moduleId = module.GetProperty("id").GetGuid();
        var preview = module.GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var paid = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{moduleId}/lessons",
            new { title = "Members only", type = "Text", textMarkdown = "The **paid** part.", isFreePreview = false }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var quiz = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{moduleId}/lessons",
            new { title = "Check yourself", type = "Quiz", isFreePreview = false }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var saved = await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{id}/lessons/{quiz}/quiz", new
        {
            questions = new object[]
            {
                new { kind = "singleChoice", prompt = "Which is a prime?", points = 1, options = new[] { new { text = "Seven", isCorrect = true }, new { text = "Nine", isCorrect = false } } },
                new { kind = "fillIn", prompt = "Two and two?", points = 1, acceptedAnswers = new[] { "four", "4" } },
            },
        });
        await teacher.SubmitCompleteAsync(id);
        using var admin = await system.AdminAsync();
        var slug = (await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve")).GetProperty("slug").GetString()!;
        return (new ShopCourse(teacher, id, slug, 1999, "USD"), preview, paid, quiz, saved.GetProperty("questions"));
    }

    [Fact]
    public async Task Lessons_open_only_for_enrolled_students_the_teacher_and_admins_and_previews_for_anyone()
    {
        var (course, preview, paid, _, _) = await CourseWithQuizAsync("Access matrix course");
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        using var stranger = await system.SignUpAsync("Student", "stranger");
        using var otherTeacher = await system.SignUpAsync("Teacher", "otherteacher", onboardPayouts: false);
        using var admin = await system.AdminAsync();
        using var student = await system.SignUpAsync("Student", "learner");
        var (checkout, _) = await system.BuyAsync(student, course.Id);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/learn/lessons/{preview}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/learn/lessons/{paid}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/learn/courses/{course.Id}")).StatusCode);
        foreach (var (who, user, expected) in new[]
        {
            ("not enrolled", stranger, HttpStatusCode.Forbidden),
            ("another teacher", otherTeacher, HttpStatusCode.Forbidden),
            ("enrolled", student, HttpStatusCode.OK),
            ("the teacher", course.Teacher, HttpStatusCode.OK),
            ("an admin", admin, HttpStatusCode.OK),
        })
        {
            Assert.True((await user.SendAsync(HttpMethod.Get, $"/api/learn/lessons/{paid}")).StatusCode == expected, $"{who}: lesson");
            Assert.True((await user.SendAsync(HttpMethod.Get, $"/api/learn/courses/{course.Slug}")).StatusCode == expected, $"{who}: course");
            Assert.Equal(HttpStatusCode.OK, (await user.SendAsync(HttpMethod.Get, $"/api/learn/lessons/{preview}")).StatusCode);
        }
        var lesson = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{paid}");
        Assert.Contains("<strong>paid</strong>", lesson.GetProperty("html").GetString());
        Assert.Equal(preview, lesson.GetProperty("previousLessonId").GetGuid());

        // A refund takes the access away at once.
        Assert.Equal(HttpStatusCode.Accepted, (await student.SendAsync(HttpMethod.Post, $"/api/me/orders/{checkout.GetProperty("orderId").GetGuid()}/refund")).StatusCode);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "refunded");
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, $"/api/learn/lessons/{paid}")).StatusCode);
        var refused = await student.SendAsync(HttpMethod.Post, $"/api/learn/lessons/{paid}/complete");
        Assert.Equal("not-enrolled", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Progress_and_the_last_lesson_survive_signing_out_and_in_and_a_quiz_completes_when_passed()
    {
        var (course, preview, paid, quiz, questions) = await CourseWithQuizAsync("Progress course");
        var email = IdentityClient.NewEmail("progress");
        using var client = new IdentityClient(system);
        await client.RegisterAndActivateAsync(email, role: "Student");
        var student = new StudioUser(client, email, (await client.LoginOkAsync(email)).AccessToken);
        var (checkout, _) = await system.BuyAsync(student, course.Id);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");

        var start = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        Assert.Equal((0, 3, "enrolled"), (start.GetProperty("progress").GetInt32(), start.GetProperty("totalLessons").GetInt32(), start.GetProperty("access").GetString()));
        var done = await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{preview}/complete");
        Assert.Equal((33, false), (done.GetProperty("progress").GetInt32(), done.GetProperty("courseCompleted").GetBoolean()));
        await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{preview}/complete"); // again: still one completion
        await student.OkJsonAsync(HttpMethod.Put, $"/api/learn/lessons/{paid}/position", new { seconds = 42 });
        var badPosition = await student.SendAsync(HttpMethod.Put, $"/api/learn/lessons/{paid}/position", new { seconds = -3 });
        Assert.Equal(HttpStatusCode.BadRequest, badPosition.StatusCode);
        var quizComplete = await student.SendAsync(HttpMethod.Post, $"/api/learn/lessons/{quiz}/complete");
        Assert.Equal(HttpStatusCode.Conflict, quizComplete.StatusCode);

        // Signed in again (a new token): the same progress, and the last lesson at its position.
        var again = new StudioUser(client, email, (await client.LoginOkAsync(email)).AccessToken);
        var resumed = await again.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        Assert.Equal((33, paid, 42), (resumed.GetProperty("progress").GetInt32(), resumed.GetProperty("lastLessonId").GetGuid(), resumed.GetProperty("lastPositionSeconds").GetInt32()));
        Assert.True(resumed.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("completed").GetBoolean());
        Assert.Equal(42, (await again.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{paid}")).GetProperty("positionSeconds").GetInt32());
        var mine = (await again.OkJsonAsync(HttpMethod.Get, "/api/me/learning")).EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == course.Id);
        Assert.Equal((33, paid), (mine.GetProperty("progress").GetInt32(), mine.GetProperty("lastLessonId").GetGuid()));

        // The quiz as the student gets it: no answers anywhere in the payload.
        var taking = await again.SendAsync(HttpMethod.Get, $"/api/learn/lessons/{quiz}/quiz");
        var raw = await taking.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, taking.StatusCode);
        foreach (var secret in new[] { "isCorrect", "acceptedAnswers", "four" })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        }
        var single = questions[0];
        var right = single.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("isCorrect").GetBoolean()).GetProperty("id").GetGuid();
        var wrong = single.GetProperty("options").EnumerateArray().Single(o => !o.GetProperty("isCorrect").GetBoolean()).GetProperty("id").GetGuid();
        var fill = questions[1].GetProperty("id").GetGuid();

        var failed = await again.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{quiz}/quiz/attempts", new
        {
            answers = new object[] { new { questionId = single.GetProperty("id").GetGuid(), optionIds = new[] { wrong } }, new { questionId = fill, text = "  FOUR " } },
        });
        Assert.Equal((1, 2, 50, false), (failed.GetProperty("score").GetInt32(), failed.GetProperty("maxScore").GetInt32(), failed.GetProperty("percent").GetInt32(), failed.GetProperty("passed").GetBoolean()));
        Assert.Equal(right, failed.GetProperty("results")[0].GetProperty("correctOptionIds")[0].GetGuid());
        var passed = await again.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{quiz}/quiz/attempts", new
        {
            answers = new object[] { new { questionId = single.GetProperty("id").GetGuid(), optionIds = new[] { right } }, new { questionId = fill, text = "4" } },
        });
        Assert.True(passed.GetProperty("passed").GetBoolean());
        var afterQuiz = await again.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{quiz}/quiz");
        Assert.Equal((2, 100), (afterQuiz.GetProperty("attempts").GetInt32(), afterQuiz.GetProperty("best").GetProperty("percent").GetInt32()));

        // The last lesson: the course is complete.
        var last = await again.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{paid}/complete");
        Assert.Equal((100, true), (last.GetProperty("progress").GetInt32(), last.GetProperty("courseCompleted").GetBoolean()));
        var students = await course.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}/students");
        var row = students.EnumerateArray().Single(s => s.GetProperty("email").GetString() == email);
        Assert.Equal(100, row.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.String, row.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task Media_urls_are_short_lived_and_issued_only_after_the_access_check()
    {
        var teacher = await system.SignUpAsync("Teacher", "mediateacher");
        var id = await teacher.CompleteDraftAsync("Media access course");
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var moduleId = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var download = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{moduleId}/lessons",
            new { title = "Workbook", type = "Download", isFreePreview = false }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await teacher.SubmitCompleteAsync(id);
        using var admin = await system.AdminAsync();
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");

        using var stranger = await system.SignUpAsync("Student", "mediastranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Get, $"/api/learn/lessons/{download}")).StatusCode);
        using var student = await system.SignUpAsync("Student", "mediastudent");
        var (checkout, _) = await system.BuyAsync(student, id);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");
        var lesson = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{download}");
        var file = lesson.GetProperty("download");
        var url = file.GetProperty("url").GetString()!;
        Assert.Contains("se=", url);
        var expires = file.GetProperty("urlExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(16));
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(url);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        // The same URL with its signature's expiry moved is refused by blob storage: it is signed, not guessable.
        var tampered = System.Text.RegularExpressions.Regex.Replace(url, "se=[^&]+", "se=2099-01-01T00%3A00%3A00Z");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(tampered)).StatusCode);

        // Expiry, without waiting a quarter of an hour: the Api's own link maker signs the same blob as if it were asked
        // a lifetime and a minute ago, and blob storage refuses the link; signed now, the same maker's link works.
        var blob = new Azure.Storage.Blobs.BlobUriBuilder(new Uri(url));
        var storage = new Azure.Storage.Blobs.BlobServiceClient(system.ConnectionString("blobs"));
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow - BlobUrls.Lifetime - TimeSpan.FromMinutes(1));
        var expired = await new BlobUrls(storage, past).ReadUrlAsync(blob.BlobContainerName, blob.BlobName, CancellationToken.None);
        Assert.True(DateTimeOffset.UtcNow > ExpiryOf(expired), $"The link should have expired: {expired.Query}");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(expired)).StatusCode);
        var fresh = await new BlobUrls(storage, TimeProvider.System).ReadUrlAsync(blob.BlobContainerName, blob.BlobName, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(fresh)).StatusCode);
    }

    private static DateTimeOffset ExpiryOf(Uri url) =>
        DateTimeOffset.Parse(Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(url.Query, "se=([^&]+)").Groups[1].Value),
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_multiple_choice_with_partial_points_pays_a_share_and_the_teachers_pass_mark_decides()
    {
        var (course, _, _, quiz, _) = await CourseWithQuizAsync("Partial points course");
        // The teacher replaces the quiz: one multiple choice with partial points, one all-or-nothing, pass mark 60 %.
        var saved = await course.Teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{course.Id}/lessons/{quiz}/quiz", new
        {
            passMarkPercent = 60,
            questions = new object[]
            {
                new
                {
                    kind = "multipleChoice", prompt = "Which are colours?", points = 6, partialCredit = true,
                    options = new[] { new { text = "Red", isCorrect = true }, new { text = "Green", isCorrect = true }, new { text = "Blue", isCorrect = true }, new { text = "Loud", isCorrect = false } },
                },
                new
                {
                    kind = "multipleChoice", prompt = "Which are even?", points = 4,
                    options = new[] { new { text = "Two", isCorrect = true }, new { text = "Four", isCorrect = true }, new { text = "Five", isCorrect = false } },
                },
            },
        });
        Assert.Equal(60, saved.GetProperty("passMarkPercent").GetInt32());
        var questions = saved.GetProperty("questions");
        Assert.Equal([true, false], questions.EnumerateArray().Select(q => q.GetProperty("partialCredit").GetBoolean()));
        Guid Option(int question, string text) =>
            questions[question].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("text").GetString() == text).GetProperty("id").GetGuid();
        var colours = questions[0].GetProperty("id").GetGuid();
        var even = questions[1].GetProperty("id").GetGuid();

        using var student = await system.SignUpAsync("Student", "partialstudent");
        var (checkout, _) = await system.BuyAsync(student, course.Id);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");
        var taking = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{quiz}/quiz");
        Assert.Equal(60, taking.GetProperty("passMarkPercent").GetInt32());
        Assert.True(taking.GetProperty("questions")[0].GetProperty("partialCredit").GetBoolean());

        // Two colours right and one wrong tick: (2 − 1) × 6 ÷ 3 = 2 points; the even question half right is all-or-nothing: 0.
        var first = await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{quiz}/quiz/attempts", new
        {
            answers = new object[]
            {
                new { questionId = colours, optionIds = new[] { Option(0, "Red"), Option(0, "Green"), Option(0, "Loud") } },
                new { questionId = even, optionIds = new[] { Option(1, "Two") } },
            },
        });
        Assert.Equal((2, 10, false), (first.GetProperty("score").GetInt32(), first.GetProperty("maxScore").GetInt32(), first.GetProperty("passed").GetBoolean()));
        Assert.Equal([2, 0], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("pointsAwarded").GetInt32()));
        Assert.Equal([false, false], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("correct").GetBoolean()));

        // Two colours right (4 points) and the even question right (4): 8 of 10 = 80 %, over the teacher's 60 %.
        var second = await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{quiz}/quiz/attempts", new
        {
            answers = new object[]
            {
                new { questionId = colours, optionIds = new[] { Option(0, "Red"), Option(0, "Blue") } },
                new { questionId = even, optionIds = new[] { Option(1, "Two"), Option(1, "Four") } },
            },
        });
        Assert.Equal((8, 80, true, 60), (second.GetProperty("score").GetInt32(), second.GetProperty("percent").GetInt32(),
            second.GetProperty("passed").GetBoolean(), second.GetProperty("passMarkPercent").GetInt32()));

        // A pass mark out of range is a field error, and the quiz is left as it was.
        var refused = await course.Teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{course.Id}/lessons/{quiz}/quiz",
            new { passMarkPercent = 0, questions = new object[] { new { kind = "fillIn", prompt = "Anything?", acceptedAnswers = new[] { "x" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("passMarkPercent", await refused.Content.ReadAsStringAsync());
        var kept = await course.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}/lessons/{quiz}/quiz");
        Assert.Equal((60, 2), (kept.GetProperty("passMarkPercent").GetInt32(), kept.GetProperty("questions").GetArrayLength()));
    }
}
