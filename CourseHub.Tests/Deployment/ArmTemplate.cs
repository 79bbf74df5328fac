using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseHub.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled by the Bicep CLI (once per test run, into a temp folder) and the
/// resulting ARM template as a tree of scopes: the main template and, recursively, the template
/// of every module (nested deployment) with the parameter values its parent passes in.
/// </summary>
internal sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Main = new(() => Compile(DeploymentPaths.MainBicep));

    public static CompiledTemplate Instance => Main.Value;

    public required ToolResult Build { get; init; }

    public TemplateScope? Root { get; private init; }

    /// <summary>The root scope; fails the calling test with the compiler output if the build failed.</summary>
    public TemplateScope RequireRoot() =>
        Root ?? throw new Xunit.Sdk.XunitException($"bicep build {DeploymentPaths.MainBicep} failed:\n{Build}");

    public static CompiledTemplate Compile(string bicepFile)
    {
        var outputDirectory = DeploymentPaths.NewTempDirectory("bicep");
        try
        {
            var build = Tool.Run(
                DeploymentPaths.BicepExecutable(),
                ["build", bicepFile, "--outdir", outputDirectory],
                Path.GetDirectoryName(bicepFile)!,
                TimeSpan.FromMinutes(5));
            var json = Path.Combine(outputDirectory, Path.ChangeExtension(Path.GetFileName(bicepFile), ".json"));
            var root = build.ExitCode == 0 && File.Exists(json)
                ? new TemplateScope("main", JsonNode.Parse(File.ReadAllText(json))!.AsObject(), parent: null, bindings: null)
                : null;
            return new CompiledTemplate { Build = build, Root = root };
        }
        finally
        {
            Directory.Delete(outputDirectory, recursive: true);
        }
    }
}

/// <summary>One template (main or a module's) with the parameter values bound to it by its parent.</summary>
internal sealed partial class TemplateScope
{
    public TemplateScope(string path, JsonObject template, TemplateScope? parent, JsonObject? bindings)
    {
        Path = path;
        Template = template;
        Parent = parent;
        Bindings = bindings;
        Resources = EnumerateResources(template).ToList();
        Children = Resources
            .Where(resource => Type(resource) == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject)
            .Select(resource => new TemplateScope(
                $"{path}/{resource["name"]}",
                resource["properties"]!["template"]!.AsObject(),
                this,
                resource["properties"]!["parameters"] as JsonObject))
            .ToList();
    }

    public string Path { get; }

    public JsonObject Template { get; }

    public TemplateScope? Parent { get; }

    /// <summary>The <c>properties.parameters</c> of the deployment resource that runs this template.</summary>
    public JsonObject? Bindings { get; }

    public IReadOnlyList<JsonObject> Resources { get; }

    public IReadOnlyList<TemplateScope> Children { get; }

    public JsonObject Parameters => Template["parameters"] as JsonObject ?? [];

    public JsonObject Outputs => Template["outputs"] as JsonObject ?? [];

    /// <summary>This scope and every nested one.</summary>
    public IEnumerable<TemplateScope> SelfAndDescendants() =>
        Children.SelectMany(child => child.SelfAndDescendants()).Prepend(this);

    /// <summary>Every resource of the given type in this scope and all nested ones, with its scope.</summary>
    public IEnumerable<(TemplateScope Scope, JsonObject Resource)> FindResources(string type) =>
        SelfAndDescendants().SelectMany(scope => scope.Resources
            .Where(resource => string.Equals(Type(resource), type, StringComparison.OrdinalIgnoreCase))
            .Select(resource => (scope, resource)));

    public bool IsSecureParameter(string name) =>
        Parameters[name]?["type"]?.GetValue<string>() is { } type
        && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    public static string Type(JsonObject resource) => resource["type"]?.GetValue<string>() ?? "";

    /// <summary>
    /// Follows a value that is just <c>[parameters('x')]</c> to what the parent passes for x (or
    /// to x's default), or just <c>[variables('y')]</c> to y's definition, as often as needed, and
    /// returns the value with the scope it belongs to.
    /// </summary>
    /// <param name="node">The value.</param>
    /// <param name="followDefaults">False to stop at a parameter nobody passes a value for (a main.bicep parameter) instead of using its default.</param>
    public (JsonNode? Node, TemplateScope Scope) Locate(JsonNode? node, bool followDefaults = true)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && WholeParameterReference().Match(text) is { Success: true } match)
        {
            var name = match.Groups[1].Value;
            if (Bindings?[name] is JsonObject binding && binding.ContainsKey("value") && Parent is not null)
            {
                return Parent.Locate(binding["value"], followDefaults);
            }
            if (followDefaults && Parameters[name] is JsonObject declaration && declaration.ContainsKey("defaultValue"))
            {
                return Locate(declaration["defaultValue"]);
            }
        }
        if (Variable(node) is { } variable)
        {
            return Locate(variable, followDefaults);
        }
        return (node, this);
    }

    /// <summary>The definition of the variable a value consists of (<c>[variables('y')]</c>), if it is one.</summary>
    private JsonNode? Variable(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && WholeVariableReference().Match(text) is { Success: true } match
        && Template["variables"] is JsonObject variables
            ? variables[match.Groups[1].Value]
            : null;

    /// <summary>A value as text: a string as it is, anything else as JSON (quotes not escaped).</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(RelaxedJson),
    };

    private static readonly JsonSerializerOptions RelaxedJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><see cref="Locate"/> applied through a whole object or array.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        var (located, scope) = Locate(node);
        return located switch
        {
            JsonObject obj => new JsonObject(obj.Select(property =>
                KeyValuePair.Create(property.Key, scope.Resolve(property.Value)))),
            JsonArray array => new JsonArray(array.Select(scope.Resolve).ToArray()),
            null => null,
            _ => located.DeepClone(),
        };
    }

    /// <summary>Elements of an array value, each located in the scope it comes from.</summary>
    public IEnumerable<(JsonObject Item, TemplateScope Scope)> LocateArrayItems(JsonNode? node)
    {
        var (located, scope) = Locate(node);
        if (located is not JsonArray array)
        {
            throw new Xunit.Sdk.XunitException($"{Path}: expected an array, found {located?.ToJsonString() ?? "nothing"}.");
        }
        foreach (var element in array)
        {
            var (item, itemScope) = scope.Locate(element);
            if (item is not JsonObject obj)
            {
                throw new Xunit.Sdk.XunitException($"{Path}: expected an object in the array, found {item?.ToJsonString()}.");
            }
            yield return (obj, itemScope);
        }
    }

    /// <summary>
    /// True when a value is (or is computed from) a secure parameter or a list*() call (keys,
    /// secrets) of this scope, or of a parent that passed it in as a parameter.
    /// </summary>
    public bool CarriesSecret(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(property => CarriesSecret(property.Value)),
        JsonArray array => array.Any(CarriesSecret),
        JsonValue value when value.TryGetValue<string>(out var text) => StringCarriesSecret(text),
        _ => false,
    };

    private bool StringCarriesSecret(string text)
    {
        if (!text.StartsWith('[') || text.StartsWith("[["))
        {
            return false;
        }
        if (ListFunctionCall().IsMatch(text))
        {
            return true;
        }
        foreach (Match reference in VariableReference().Matches(text))
        {
            if (Template["variables"]?[reference.Groups[1].Value] is { } definition && CarriesSecret(definition))
            {
                return true;
            }
        }
        foreach (Match reference in ParameterReference().Matches(text))
        {
            var name = reference.Groups[1].Value;
            if (IsSecureParameter(name))
            {
                return true;
            }
            if (Bindings?[name] is JsonObject binding && Parent is not null
                && (binding.ContainsKey("reference") || Parent.CarriesSecret(binding["value"])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The last segment of a child resource name such as <c>[format('{0}/{1}', parameters('vault'), 'my-secret')]</c>:
    /// the literal, or the value of the parameter it names.
    /// </summary>
    public string? ChildName(JsonObject resource)
    {
        var name = resource["name"]?.GetValue<string>() ?? "";
        if (!name.StartsWith('['))
        {
            return name.Split('/')[^1];
        }
        var match = LastNameSegment().Match(name);
        if (!match.Success)
        {
            return null;
        }
        if (match.Groups["literal"].Success)
        {
            return match.Groups["literal"].Value;
        }
        var (value, _) = Locate(JsonValue.Create($"[parameters('{match.Groups["parameter"].Value}')]"));
        return value is JsonValue located && located.TryGetValue<string>(out var text) && !text.StartsWith('[') ? text : null;
    }

    private static IEnumerable<JsonObject> EnumerateResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        JsonObject obj => obj.Select(property => property.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex WholeParameterReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex WholeVariableReference();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('([^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunctionCall();

    [GeneratedRegex(@", (?:'(?<literal>[^']+)'|parameters\('(?<parameter>[^']+)'\))\)\]$")]
    private static partial Regex LastNameSegment();
}
