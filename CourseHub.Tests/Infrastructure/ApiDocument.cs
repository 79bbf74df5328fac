using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CourseHub.Tests.Infrastructure;

/// <summary>One operation of the Api's OpenAPI document, for tests that call every route.</summary>
public sealed record ApiOperation(string Method, string Path, JsonElement Body)
{
    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";

    public bool Declares(string status) => Body.TryGetProperty("responses", out var responses) && responses.TryGetProperty(status, out _);
    public bool HasRequestBody => Body.TryGetProperty("requestBody", out _);
    public bool HasQuery => Parameters.Any(parameter => parameter.GetProperty("in").GetString() == "query");
    public bool NamesResource => Path.Contains('{');
    public bool NeedsSignIn => Body.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
    public bool NeedsRole => NeedsSignIn && Body.GetProperty("security").EnumerateArray()
        .Any(requirement => requirement.EnumerateObject().Any(scheme => scheme.Value.GetArrayLength() > 0));

    /// <summary>The schema of the JSON request body, if the operation reads one.</summary>
    public JsonElement? JsonBodySchema =>
        Body.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? json.GetProperty("schema")
            : null;

    /// <summary>The path with its parameters filled in by their type: a fresh id (so nothing real is touched), a number, or a word.</summary>
    public string Sample => Regex.Replace(Path, "{([^}]+)}", match =>
    {
        var parameter = Parameters.FirstOrDefault(p => p.GetProperty("in").GetString() == "path" && p.GetProperty("name").GetString() == match.Groups[1].Value);
        var schema = parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("schema", out var s) ? s : default;
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return format == "uuid" ? Guid.NewGuid().ToString() : type == "integer" ? "999999" : "no-such-thing";
    });

    private IEnumerable<JsonElement> Parameters => Body.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];
}

/// <summary>The running Api's OpenAPI document: its operations and its component schemas.</summary>
public sealed record ApiDocument(IReadOnlyList<ApiOperation> Operations, JsonElement Schemas)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static async Task<ApiDocument> ReadAsync(SystemFixture system)
    {
        using var http = new HttpClient();
        var document = await http.GetFromJsonAsync<JsonElement>($"{system.Project("api").Url}/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(item => Methods.Contains(item.Name))
                .Select(item => new ApiOperation(item.Name, path.Name, item.Value)))
            .ToList();
        return new ApiDocument(operations, document.GetProperty("components").GetProperty("schemas"));
    }
}
