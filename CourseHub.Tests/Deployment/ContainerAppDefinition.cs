using System.Text.Json.Nodes;

namespace CourseHub.Tests.Deployment;

/// <summary>One Microsoft.App/containerApps resource of the compiled template, with its values resolved.</summary>
internal sealed class ContainerAppDefinition(TemplateScope scope, JsonObject resource)
{
    public const string ServiceTag = "azd-service-name";

    public TemplateScope Scope { get; } = scope;

    public JsonObject Resource { get; } = resource;

    /// <summary>The azd-service-name tag, or null for an app azd does not deploy (RabbitMQ).</summary>
    public string? ServiceName => Text(Scope.Resolve(Resource["tags"])?[ServiceTag]);

    public string Name => Text(Scope.Resolve(Resource["name"])) ?? Resource["name"]!.ToJsonString();

    public JsonObject Properties => Resource["properties"]!.AsObject();

    public JsonObject? Ingress => Scope.Resolve(Properties["configuration"]?["ingress"]) as JsonObject;

    public JsonObject Scale => Scope.Resolve(Properties["template"]?["scale"]) as JsonObject ?? [];

    public JsonObject Identity => Scope.Resolve(Resource["identity"]) as JsonObject ?? [];

    public JsonArray Registries => Scope.Resolve(Properties["configuration"]?["registries"]) as JsonArray ?? [];

    public JsonArray Volumes => Scope.Resolve(Properties["template"]?["volumes"]) as JsonArray ?? [];

    /// <summary>The app's main container (the first one), unresolved.</summary>
    public JsonObject Container => Properties["template"]!["containers"]!.AsArray()[0]!.AsObject();

    public string? Image => Text(Scope.Resolve(Container["image"]));

    public JsonArray Probes => Scope.Resolve(Container["probes"]) as JsonArray ?? [];

    /// <summary>Environment variables, each with the scope its value expression belongs to.</summary>
    public IReadOnlyList<(JsonObject Variable, TemplateScope Scope)> Environment =>
        Container["env"] is null ? [] : Scope.LocateArrayItems(Container["env"]).ToList();

    /// <summary>Container-app secrets (configuration.secrets), each with its scope.</summary>
    public IReadOnlyList<(JsonObject Secret, TemplateScope Scope)> Secrets =>
        Properties["configuration"]?["secrets"] is { } secrets ? Scope.LocateArrayItems(secrets).ToList() : [];

    public IReadOnlyCollection<string> EnvironmentNames =>
        Environment.Select(entry => Text(entry.Variable["name"]) ?? "").ToList();

    public JsonObject? Variable(string name) =>
        Environment.Select(entry => entry.Variable).FirstOrDefault(variable => Text(variable["name"]) == name);

    public static IReadOnlyList<ContainerAppDefinition> All(TemplateScope root) =>
        root.FindResources("Microsoft.App/containerApps").Select(found => new ContainerAppDefinition(found.Scope, found.Resource)).ToList();

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public override string ToString() => ServiceName ?? Name;
}
