using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>The quiz builder's routes (<c>/api/teach/courses/{id}/lessons/{lessonId}/quiz</c>), against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class QuizBuilderTests(SystemFixture system)
{
    /// <summary>A course with one module holding a quiz lesson and a text lesson.</summary>
    private sealed record QuizCourse(Guid Id, Guid QuizLessonId, Guid TextLessonId)
    {
        public string Quiz => $"/api/teach/courses/{Id}/lessons/{QuizLessonId}/quiz";
    }

    private Task<StudioUser> TeacherAsync(string prefix) => system.SignUpAsync("Teacher", prefix);

    private static async Task<QuizCourse> CourseAsync(StudioUser teacher)
    {
        var course = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", new
        {
            title = $"{UniqueWord()} quiz course",
            description = "Quizzes all the way down.",
            categorySlug = "programming",
        }, HttpStatusCode.Created);
        var id = course.GetProperty("id").GetGuid();
        var module = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Check yourself" }, HttpStatusCode.Created);
        var lessons = $"/api/teach/courses/{id}/modules/{module.GetProperty("id").GetGuid()}/lessons";
        var quiz = await teacher.OkJsonAsync(HttpMethod.Post, lessons, new { title = "Capitals quiz", type = "quiz" }, HttpStatusCode.Created);
        var text = await teacher.OkJsonAsync(HttpMethod.Post, lessons, new { title = "Reading", type = "Text" }, HttpStatusCode.Created);
        return new QuizCourse(id, quiz.GetProperty("id").GetGuid(), text.GetProperty("id").GetGuid());
    }

    private static object FullQuiz() => new
    {
        questions = new object[]
        {
            new
            {
                kind = "singleChoice", prompt = "  What is the capital of France?  ", points = 2,
                options = new[] { new { text = "Paris", isCorrect = true }, new { text = "Lyon", isCorrect = false } },
            },
            new
            {
                kind = "MULTIPLECHOICE", prompt = "Which are prime?", points = 3,
                options = new[] { new { text = "2", isCorrect = true }, new { text = "3", isCorrect = true }, new { text = "4", isCorrect = false } },
            },
            new { kind = "fillIn", prompt = "Who wrote Les Misérables?", points = 5, acceptedAnswers = new[] { "Victor Hugo", " Hugo " } },
        },
    };

    private static string[] Prompts(JsonElement quiz) => quiz.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("prompt").GetString()!).ToArray();

    private static Guid IdOf(JsonElement quiz, int question, int? option = null) =>
        option is { } o
            ? quiz.GetProperty("questions")[question].GetProperty("options")[o].GetProperty("id").GetGuid()
            : quiz.GetProperty("questions")[question].GetProperty("id").GetGuid();

    [Fact]
    public async Task A_quiz_of_all_three_kinds_round_trips()
    {
        using var teacher = await TeacherAsync("quiz-roundtrip");
        var course = await CourseAsync(teacher);

        var empty = await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz);
        Assert.Equal((course.QuizLessonId, 0, 0), (empty.GetProperty("lessonId").GetGuid(), empty.GetProperty("totalPoints").GetInt32(),
            empty.GetProperty("questions").GetArrayLength()));

        var saved = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());
        var read = await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz);
        Assert.Equal(saved.ToString(), read.ToString());

        Assert.Equal(10, read.GetProperty("totalPoints").GetInt32());
        var questions = read.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], questions.Select(q => q.GetProperty("position").GetInt32()));
        Assert.Equal(["singleChoice", "multipleChoice", "fillIn"], questions.Select(q => q.GetProperty("kind").GetString()));
        Assert.Equal(["What is the capital of France?", "Which are prime?", "Who wrote Les Misérables?"], Prompts(read));
        Assert.Equal([2, 3, 5], questions.Select(q => q.GetProperty("points").GetInt32()));
        Assert.Equal([("Paris", true, 1), ("Lyon", false, 2)], questions[0].GetProperty("options").EnumerateArray()
            .Select(o => (o.GetProperty("text").GetString(), o.GetProperty("isCorrect").GetBoolean(), o.GetProperty("position").GetInt32())));
        Assert.Equal([true, true, false], questions[1].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("isCorrect").GetBoolean()));
        Assert.Equal(["Victor Hugo", "Hugo"], questions[2].GetProperty("acceptedAnswers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, questions[2].GetProperty("options").GetArrayLength());
        Assert.Equal(0, questions[0].GetProperty("acceptedAnswers").GetArrayLength());

        // The lesson had no duration: it gets an estimate of a minute per question.
        var outline = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}");
        var lesson = outline.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == course.QuizLessonId);
        Assert.Equal(180, lesson.GetProperty("durationSeconds").GetInt32());
    }

    [Fact]
    public async Task Invalid_input_names_each_field_by_its_path_and_saves_nothing()
    {
        using var teacher = await TeacherAsync("quiz-invalid");
        var course = await CourseAsync(teacher);
        var before = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());

        var invalid = await teacher.SendAsync(HttpMethod.Put, course.Quiz, new
        {
            questions = new object[]
            {
                new { kind = "fillIn", prompt = " ", points = 1, acceptedAnswers = new[] { "x" } },
                new { kind = "fillIn", prompt = "No answers", points = 1, acceptedAnswers = Array.Empty<string>() },
                new
                {
                    kind = "singleChoice", prompt = "Nothing is correct", points = 1,
                    options = new[] { new { text = "a", isCorrect = false }, new { text = "b", isCorrect = false } },
                },
                new { kind = "fillIn", prompt = "Too many points", points = 101, acceptedAnswers = new[] { "x" } },
                new
                {
                    kind = "multipleChoice", prompt = "Valid on its own", points = 1,
                    options = new[] { new { text = "a", isCorrect = true }, new { text = "b", isCorrect = false } },
                },
            },
        });

        var problem = await IdentityClient.ProblemAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["questions[0].prompt", "questions[1].acceptedAnswers", "questions[2].options", "questions[3].points"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("exactly one", problem.GetProperty("errors").GetProperty("questions[2].options")[0].GetString());

        Assert.Equal(before.ToString(), (await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz)).ToString());
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await teacher.SendAsync(HttpMethod.Put, course.Quiz, new { questions = Array.Empty<object>() }),
            "questions"));
    }

    [Fact]
    public async Task Ids_sent_back_stay_the_same_across_a_resave_and_the_rest_is_replaced()
    {
        using var teacher = await TeacherAsync("quiz-ids");
        var course = await CourseAsync(teacher);
        var first = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());
        var other = await CourseAsync(teacher);
        var foreign = await teacher.OkJsonAsync(HttpMethod.Put, other.Quiz, FullQuiz());

        // Re-save: the fill-in moves first; the single choice keeps Paris, drops Lyon, gains Marseille; the multiple choice is
        // deleted; a new question arrives carrying another lesson's question id, which must not be taken over.
        var second = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, new
        {
            questions = new object[]
            {
                new { id = IdOf(first, 2), kind = "fillIn", prompt = "Who wrote Les Misérables? (surname)", points = 4, acceptedAnswers = new[] { "Hugo" } },
                new
                {
                    id = IdOf(first, 0), kind = "singleChoice", prompt = "What is the capital of France?", points = 2,
                    options = new object[] { new { text = "Marseille", isCorrect = false }, new { id = IdOf(first, 0, 0), text = "Paris", isCorrect = true } },
                },
                new { id = IdOf(foreign, 2), kind = "fillIn", prompt = "Brand new", points = 1, acceptedAnswers = new[] { "new" } },
            },
        });

        Assert.Equal(second.ToString(), (await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz)).ToString());
        Assert.Equal((IdOf(first, 2), IdOf(first, 0)), (IdOf(second, 0), IdOf(second, 1)));
        Assert.Equal(IdOf(first, 0, 0), IdOf(second, 1, 1));
        Assert.NotEqual(IdOf(first, 0, 1), IdOf(second, 1, 0));
        Assert.DoesNotContain(IdOf(second, 2), new[] { IdOf(first, 0), IdOf(first, 1), IdOf(first, 2), IdOf(foreign, 2) });
        Assert.Equal("Who wrote Les Misérables? (surname)", Prompts(second)[0]);
        Assert.Equal(7, second.GetProperty("totalPoints").GetInt32());

        // Deleted rows are gone from the database (options by cascade), and the other lesson's quiz is untouched.
        await using var db = system.CreateDbContext();
        var questionIds = await db.Lessons.Where(l => l.Id == course.QuizLessonId).SelectMany(l => l.Questions).Select(q => q.Id).ToListAsync();
        Assert.Equal(3, questionIds.Count);
        Assert.False(await db.Lessons.SelectMany(l => l.Questions).AnyAsync(q => q.Id == IdOf(first, 1)));
        Assert.Equal(2, await db.Lessons.Where(l => l.Id == course.QuizLessonId).SelectMany(l => l.Questions).SelectMany(q => q.Options).CountAsync());
        Assert.Equal(foreign.ToString(), (await teacher.OkJsonAsync(HttpMethod.Get, other.Quiz)).ToString());
    }

    [Fact]
    public async Task Concurrent_saves_leave_one_whole_quiz_never_a_mix()
    {
        using var teacher = await TeacherAsync("quiz-concurrent");
        var course = await CourseAsync(teacher);
        var saves = Enumerable.Range(1, 4).Select(n => teacher.SendAsync(HttpMethod.Put, course.Quiz, new
        {
            questions = Enumerable.Range(1, 3).Select(q => new { kind = "fillIn", prompt = $"Save {n} question {q}", points = 1, acceptedAnswers = new[] { "x" } }),
        })).ToList();
        foreach (var response in await Task.WhenAll(saves))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var prompts = Prompts(await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz));
        Assert.Equal(3, prompts.Length);
        Assert.Single(prompts.Select(p => p.Split(' ')[1]).Distinct());
    }

    [Fact]
    public async Task Another_teachers_course_is_404_an_admin_reaches_it_and_unknown_lessons_are_404()
    {
        using var teacher = await TeacherAsync("quiz-owner");
        using var other = await TeacherAsync("quiz-other");
        using var admin = await system.AdminAsync();
        var course = await CourseAsync(teacher);
        var saved = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, course.Quiz, null),
                     (HttpMethod.Put, course.Quiz, FullQuiz()),
                     (HttpMethod.Post, course.Quiz + "/check", new { answers = Array.Empty<object>() }),
                 })
        {
            var response = await other.SendAsync(method, path, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await IdentityClient.ProblemAsync(response);
        }
        Assert.Equal(saved.ToString(), (await admin.OkJsonAsync(HttpMethod.Get, course.Quiz)).ToString());

        var unknownLesson = await teacher.SendAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}/lessons/{Guid.NewGuid()}/quiz");
        Assert.Equal(HttpStatusCode.NotFound, unknownLesson.StatusCode);
        // A lesson of another course is not reachable through this one.
        var elsewhere = await CourseAsync(teacher);
        var crossed = await teacher.SendAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}/lessons/{elsewhere.QuizLessonId}/quiz");
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
    }

    [Fact]
    public async Task A_lesson_that_is_not_a_quiz_is_409()
    {
        using var teacher = await TeacherAsync("quiz-text");
        var course = await CourseAsync(teacher);
        var textQuiz = $"/api/teach/courses/{course.Id}/lessons/{course.TextLessonId}/quiz";

        var put = await teacher.SendAsync(HttpMethod.Put, textQuiz, FullQuiz());
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        var problem = await IdentityClient.ProblemAsync(put);
        Assert.Equal("not-a-quiz", problem.GetProperty("code").GetString());
        Assert.Contains("Text lesson", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await teacher.SendAsync(HttpMethod.Get, textQuiz)).StatusCode);
    }

    [Fact]
    public async Task A_course_in_review_is_409_and_a_published_course_stays_published_when_its_quiz_changes()
    {
        using var teacher = await TeacherAsync("quiz-review");
        using var admin = await system.AdminAsync();
        var course = await CourseAsync(teacher);
        var saved = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());
        await teacher.SubmitCompleteAsync(course.Id);

        var inReview = await teacher.SendAsync(HttpMethod.Put, course.Quiz, new
        {
            questions = new[] { new { kind = "fillIn", prompt = "Sneaky edit", points = 1, acceptedAnswers = new[] { "x" } } },
        });
        Assert.Equal(HttpStatusCode.Conflict, inReview.StatusCode);
        Assert.Equal("not-editable", (await IdentityClient.ProblemAsync(inReview)).GetProperty("code").GetString());
        // Reading and trying the quiz still work in review.
        Assert.Equal(saved.ToString(), (await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz)).ToString());
        await teacher.OkJsonAsync(HttpMethod.Post, course.Quiz + "/check", new { answers = Array.Empty<object>() });

        var approved = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{course.Id}/approve");
        // The public course page (cached) shows the quiz's estimated length: three questions, a minute each.
        var coursePage = $"/api/courses/{approved.GetProperty("slug").GetString()}";
        Assert.Equal(180, await QuizDurationOnCoursePageAsync(coursePage));

        await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, new
        {
            questions = new[] { new { kind = "fillIn", prompt = "After publishing", points = 1, acceptedAnswers = new[] { "x" } } },
        });
        var after = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}");
        Assert.Equal("Published", after.GetProperty("status").GetString());
        Assert.Equal(["After publishing"], Prompts(await teacher.OkJsonAsync(HttpMethod.Get, course.Quiz)));
        await Eventually.TrueAsync(async () => await QuizDurationOnCoursePageAsync(coursePage) == 60, TimeSpan.FromSeconds(10),
            "the catalog's course page to show the new quiz length");
    }

    private async Task<int> QuizDurationOnCoursePageAsync(string coursePage)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var details = await anonymous.GetFromJsonAsync<JsonElement>(coursePage);
        return details.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray()
            .Single(l => l.GetProperty("type").GetString() == "quiz").GetProperty("durationSeconds").GetInt32();
    }

    [Fact]
    public async Task Check_grades_the_answers_against_the_saved_quiz_without_revealing_them()
    {
        using var teacher = await TeacherAsync("quiz-check");
        var course = await CourseAsync(teacher);
        var quiz = await teacher.OkJsonAsync(HttpMethod.Put, course.Quiz, FullQuiz());

        var response = await teacher.SendAsync(HttpMethod.Post, course.Quiz + "/check", new
        {
            answers = new object[]
            {
                new { questionId = IdOf(quiz, 0), optionIds = new[] { IdOf(quiz, 0, 0) } },
                new { questionId = IdOf(quiz, 1), optionIds = new[] { IdOf(quiz, 1, 0) } },
                new { questionId = IdOf(quiz, 2), text = "  victor   HUGO " },
            },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("isCorrect", body);
        Assert.DoesNotContain("Victor", body);
        var grade = JsonDocument.Parse(body).RootElement;
        Assert.Equal((7, 10), (grade.GetProperty("score").GetInt32(), grade.GetProperty("totalPoints").GetInt32()));
        Assert.Equal([(IdOf(quiz, 0), true, 2), (IdOf(quiz, 1), false, 0), (IdOf(quiz, 2), true, 5)],
            grade.GetProperty("questions").EnumerateArray()
                .Select(q => (q.GetProperty("questionId").GetGuid(), q.GetProperty("correct").GetBoolean(), q.GetProperty("pointsAwarded").GetInt32())));

        var twice = await teacher.SendAsync(HttpMethod.Post, course.Quiz + "/check", new
        {
            answers = new object[] { new { questionId = IdOf(quiz, 2), text = "Hugo" }, new { questionId = IdOf(quiz, 2), text = "Hugo" } },
        });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(twice, "answers[1].questionId"));
    }
}
