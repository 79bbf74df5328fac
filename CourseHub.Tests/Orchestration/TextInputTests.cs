using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// No text field of any request takes control characters (PostgreSQL refuses NUL) or, in names, the invisible
/// characters that disguise text: the Api answers 400 naming the field, never 500, on every route that reads JSON.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TextInputTests(SystemFixture system)
{
    private const string WithNul = "bad\u0000text";

    [Fact]
    public async Task A_NUL_in_any_string_of_any_json_body_is_a_400_naming_the_field()
    {
        var document = await ApiDocument.ReadAsync(system);
        using var admin = await system.AdminAsync();
        using var anonymous = new IdentityClient(system);
        var wrong = new List<string>();
        var tried = 0;
        foreach (var operation in document.Operations.Where(operation => operation.Method != "get"))
        {
            if (operation.JsonBodySchema is not { } schema)
            {
                continue;
            }
            var fields = new List<string>();
            var body = Sample(schema, document.Schemas, "", fields, depth: 0);
            if (fields.Count == 0)
            {
                continue; // no string anywhere in this body
            }
            tried++;
            var needsSignIn = operation.NeedsSignIn;
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), operation.Sample)
            {
                Content = new StringContent(body!.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            if (needsSignIn)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
            }
            using var response = await (needsSignIn ? admin.Client.Http : anonymous.Http).SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var named = response.StatusCode == HttpStatusCode.BadRequest
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors)
                && errors.EnumerateObject().Any(error => fields.Contains(error.Name));
            if (!named)
            {
                wrong.Add($"{operation} with NUL in [{string.Join(", ", fields)}]: {(int)response.StatusCode} {text}");
            }
        }
        Assert.True(tried > 20, $"only {tried} routes with string fields in their JSON body");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task A_right_to_left_override_in_a_display_name_is_refused_on_register_and_on_the_profile()
    {
        const string spoof = "Admin\u202Egnp.exe";
        using var anonymous = new IdentityClient(system);
        var registered = await anonymous.RegisterAsync(IdentityClient.NewEmail("bidi"), displayName: spoof);
        Assert.Contains("Invisible", (await IdentityClient.FieldErrorsAsync(registered, "displayName")).Single());
        var zeroWidth = await anonymous.RegisterAsync(IdentityClient.NewEmail("bidi"), displayName: "Ad\u200Bmin");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(zeroWidth, "displayName"));

        using var student = await system.SignUpAsync("Student", "bidi-student");
        var updated = await student.SendAsync(HttpMethod.Put, "/api/me", new { displayName = spoof, bio = "Line one\nline two", timeZone = "UTC" });
        Assert.Contains("Invisible", (await IdentityClient.FieldErrorsAsync(updated, "displayName")).Single());
        // Free text keeps its line breaks.
        using var fine = await student.SendAsync(HttpMethod.Put, "/api/me", new { displayName = "Ana Example", bio = "Line one\nline two", timeZone = "UTC" });
        Assert.True(fine.IsSuccessStatusCode, $"{(int)fine.StatusCode} {await fine.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Nested_fields_query_strings_and_upload_fields_are_named_in_the_refusal()
    {
        using var teacher = await system.SignUpAsync("Teacher", "text-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} text checks");

        var quiz = await teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{course.Id}/lessons/{course.TextLesson}/quiz", new
        {
            questions = new object[]
            {
                new { kind = "SingleChoice", prompt = "Fine?", points = 1, options = new[] { new { text = "Yes", isCorrect = true }, new { text = "N\u0001o", isCorrect = false } } },
            },
        });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(quiz, "questions[0].options[1].text"));

        using var search = await new HttpClient().GetAsync($"{system.Project("api").Url}/api/courses?q=a%00b");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(search, "q"));
        // In a path segment (Kestrel already refuses a NUL there; the filter checks route values as well).
        using var page = await new HttpClient().GetAsync($"{system.Project("api").Url}/api/courses/a%00b");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);

        var upload = await teacher.UploadAsync(HttpMethod.Post, $"/api/teach/courses/{course.Id}/lessons/{course.DownloadLesson}/resources",
            MediaTestFiles.Pdf(), "notes.pdf", title: "Notes\u202E");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(upload, "title"));
        var nul = await teacher.UploadAsync(HttpMethod.Post, $"/api/teach/courses/{course.Id}/lessons/{course.DownloadLesson}/resources",
            MediaTestFiles.Pdf(), "notes.pdf", title: WithNul);
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(nul, "title"));
    }

    /// <summary>A body for the schema with every string set to one holding NUL; the JSON paths of those strings in <paramref name="fields"/>.</summary>
    private static JsonNode? Sample(JsonElement schema, JsonElement schemas, string path, List<string> fields, int depth)
    {
        if (depth > 6)
        {
            return null;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Sample(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas, path, fields, depth + 1);
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var option = options.EnumerateArray().FirstOrDefault(o => !IsNull(o));
                return option.ValueKind == JsonValueKind.Undefined ? null : Sample(option, schemas, path, fields, depth + 1);
            }
        }
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()]
            : schema.TryGetProperty("properties", out _) ? ["object"] : [];
        if (types.Contains("string") && !schema.TryGetProperty("format", out _) && !schema.TryGetProperty("enum", out _))
        {
            fields.Add(path);
            return JsonValue.Create(WithNul);
        }
        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            var item = Sample(items, schemas, $"{path}[0]", fields, depth + 1);
            return item is null ? null : new JsonArray(item);
        }
        if (types.Contains("object") && schema.TryGetProperty("properties", out var properties))
        {
            var result = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                if (Sample(property.Value, schemas, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields, depth + 1) is { } value)
                {
                    result[property.Name] = value;
                }
            }
            return result;
        }
        return null;
    }

    private static bool IsNull(JsonElement schema) => schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
