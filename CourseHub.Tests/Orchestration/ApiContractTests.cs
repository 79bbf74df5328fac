using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// The OpenAPI document is the Api's contract: every route states what it returns and how it can fail, and the
/// running Api keeps to what the document says about sign-in and roles. Malformed JSON is a 400 everywhere.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiContractTests(SystemFixture system)
{
    private async Task<IReadOnlyList<ApiOperation>> OperationsAsync() => (await ApiDocument.ReadAsync(system)).Operations;

    [Fact]
    public async Task Every_route_declares_its_success_schema_and_its_error_statuses()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the document");
        var missing = new List<string>();
        foreach (var operation in operations)
        {
            var responses = operation.Body.GetProperty("responses");
            var success = responses.EnumerateObject().Where(response => response.Name.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                missing.Add($"{operation}: no 2xx response");
            }
            foreach (var response in success.Where(response => response.Name != "204"))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any(type => type.Value.TryGetProperty("schema", out _)))
                {
                    missing.Add($"{operation}: {response.Name} has no schema");
                }
            }
            if ((operation.HasRequestBody || operation.HasQuery) && !HasSchema(responses, "400"))
            {
                missing.Add($"{operation}: reads a body or query but declares no 400 with a schema");
            }
            if (operation.NamesResource && !operation.Declares("404"))
            {
                missing.Add($"{operation}: names a resource but declares no 404");
            }
            if (operation.NeedsSignIn && !operation.Declares("401"))
            {
                missing.Add($"{operation}: needs a sign-in but declares no 401");
            }
            if (operation.NeedsRole && !operation.Declares("403"))
            {
                missing.Add($"{operation}: needs a role but declares no 403");
            }
        }
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    private static bool HasSchema(JsonElement responses, string status) =>
        responses.TryGetProperty(status, out var response) && response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(type => type.Value.TryGetProperty("schema", out _));

    [Fact]
    public async Task The_running_Api_asks_for_a_sign_in_and_a_role_exactly_where_the_document_says()
    {
        var operations = await OperationsAsync();
        using var student = await system.SignUpAsync("Student", "contract-student");
        using var anonymous = new IdentityClient(system);
        var wrong = new List<string>();
        foreach (var operation in operations)
        {
            // Anonymous requests to open routes carry no body: they are refused at binding or answer harmlessly (reads).
            using var asAnonymous = await SendAsync(anonymous, operation, token: null, body: null);
            if (asAnonymous.StatusCode == HttpStatusCode.InternalServerError)
            {
                wrong.Add($"{operation}: 500 for an anonymous caller");
            }
            if (operation.NeedsSignIn != (asAnonymous.StatusCode == HttpStatusCode.Unauthorized))
            {
                wrong.Add($"{operation}: document says sign-in {(operation.NeedsSignIn ? "needed" : "not needed")}, anonymous call answered {(int)asAnonymous.StatusCode}");
            }
            if (operation.NeedsRole)
            {
                // A student lacks every role the studio and admin routes ask for; the refusal comes before any handler runs.
                using var asStudent = await SendAsync(student.Client, operation, student.Token, body: null);
                if (asStudent.StatusCode != HttpStatusCode.Forbidden)
                {
                    wrong.Add($"{operation}: needs a role, a student got {(int)asStudent.StatusCode}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_on_every_route_that_reads_json()
    {
        var operations = (await OperationsAsync()).Where(operation => operation.JsonBodySchema is not null).ToList();
        Assert.NotEmpty(operations);
        using var admin = await system.AdminAsync();
        using var anonymous = new IdentityClient(system);
        var wrong = new List<string>();
        foreach (var operation in operations)
        {
            // Admins pass every role check, so the body is what gets refused; nothing runs with a body that cannot be read.
            var client = operation.NeedsSignIn ? admin.Client : anonymous;
            using var response = await SendAsync(client, operation, operation.NeedsSignIn ? admin.Token : null,
                new StringContent("{\"title\": \"cut off", Encoding.UTF8, "application/json"));
            var type = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.BadRequest || type != "application/problem+json")
            {
                wrong.Add($"{operation}: {(int)response.StatusCode} {type} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field()
    {
        using var anonymous = new IdentityClient(system);
        using var response = await SendAsync(anonymous, new ApiOperation("post", "/api/auth/register", default), null,
            new StringContent("""{"email": "a@example.test", "password": 12, "displayName": "A", "role": "Student"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
    }

    private static async Task<HttpResponseMessage> SendAsync(IdentityClient client, ApiOperation operation, string? token, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), operation.Sample) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.Http.SendAsync(request);
    }
}
