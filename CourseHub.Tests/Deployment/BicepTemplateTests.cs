using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseHub.Tests.Deployment;

/// <summary>infra/main.bicep compiles and lints clean, and provisions what the services need.</summary>
public sealed class BicepTemplateTests
{
    private static TemplateScope Root => CompiledTemplate.Instance.RequireRoot();

    private static ContainerAppDefinition App(string serviceName) =>
        ContainerAppDefinition.All(Root).SingleOrDefault(app => app.ServiceName == serviceName)
        ?? throw new Xunit.Sdk.XunitException($"No container app tagged azd-service-name={serviceName}.");

    [Fact]
    public void Bicep_compiles_without_errors_or_linter_warnings()
    {
        var build = CompiledTemplate.Instance.Build;

        Assert.True(build.ExitCode == 0, $"bicep build failed: {build}");
        Assert.DoesNotContain("Warning", build.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", build.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Warning", build.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("subscriptionDeploymentTemplate", Root.Template["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Build_output_does_not_land_in_the_repository()
    {
        _ = CompiledTemplate.Instance;

        var compiled = Directory.EnumerateFiles(DeploymentPaths.InRepository("infra"), "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(DeploymentPaths.RepositoryRoot, path).Replace('\\', '/'))
            .Where(path => path is not "infra/main.parameters.json" and not "infra/bicepconfig.json");
        Assert.Empty(compiled);
    }

    [Fact]
    public void Resource_group_follows_azd_conventions()
    {
        var group = Assert.Single(Root.FindResources("Microsoft.Resources/resourceGroups")).Resource;

        Assert.Equal("[format('rg-{0}', parameters('environmentName'))]", group["name"]!.GetValue<string>());
        Assert.Equal("[parameters('environmentName')]", Root.Resolve(group["tags"])?["azd-env-name"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_CONTAINER_REGISTRY_ENDPOINT")]
    [InlineData("AZURE_CONTAINER_APPS_ENVIRONMENT_ID")]
    [InlineData("AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN")]
    [InlineData("AZURE_KEY_VAULT_ENDPOINT")]
    public void Main_template_outputs_what_azd_uses(string output)
    {
        Assert.True(Root.Outputs.ContainsKey(output), $"main.bicep has no output {output}.");
    }

    [Fact]
    public void Main_parameters_map_azd_environment_variables()
    {
        var file = JsonNode.Parse(File.ReadAllText(DeploymentPaths.MainParameters))!["parameters"]!.AsObject();
        var declared = Root.Parameters;

        Assert.Equal("${AZURE_ENV_NAME}", file["environmentName"]?["value"]?.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", file["location"]?["value"]?.GetValue<string>());
        foreach (var (name, _) in file)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
        }
        foreach (var (name, declaration) in declared)
        {
            if (!declaration!.AsObject().ContainsKey("defaultValue"))
            {
                Assert.True(file.ContainsKey(name), $"Required parameter '{name}' is not mapped in main.parameters.json.");
            }
            if (Root.IsSecureParameter(name))
            {
                // Secrets come only from the azd environment (or azd's prompt/generator), never from the file.
                var value = file[name]?["value"]?.GetValue<string>();
                Assert.Matches(@"^\$\{[A-Z0-9_]+\}$", value ?? "");
            }
        }
    }

    [Fact]
    public void Secure_parameters_have_no_default_anywhere()
    {
        foreach (var scope in Root.SelfAndDescendants())
        {
            foreach (var (name, declaration) in scope.Parameters)
            {
                if (scope.IsSecureParameter(name))
                {
                    Assert.False(declaration!.AsObject().ContainsKey("defaultValue"),
                        $"{scope.Path}: secure parameter '{name}' has a default value.");
                }
            }
        }
    }

    [Fact]
    public void No_output_carries_a_secret()
    {
        foreach (var scope in Root.SelfAndDescendants())
        {
            foreach (var (name, output) in scope.Outputs)
            {
                Assert.False(scope.CarriesSecret(output?["value"]), $"{scope.Path}: output '{name}' exposes a secret.");
            }
        }
    }

    [Fact]
    public void Services_listen_on_8080_with_alive_and_health_probes()
    {
        foreach (var service in AzureYamlTests.ServiceNames)
        {
            var app = App(service);
            Assert.Equal(8080, app.Ingress?["targetPort"]?.GetValue<int>());

            var probes = app.Probes.OfType<JsonObject>().ToList();
            var liveness = Assert.Single(probes, probe => probe["type"]?.GetValue<string>() == "Liveness");
            var readiness = Assert.Single(probes, probe => probe["type"]?.GetValue<string>() == "Readiness");
            Assert.Equal("/alive", liveness["httpGet"]?["path"]?.GetValue<string>());
            Assert.Equal(8080, liveness["httpGet"]?["port"]?.GetValue<int>());
            Assert.Equal("/health", readiness["httpGet"]?["path"]?.GetValue<string>());
            Assert.Equal(8080, readiness["httpGet"]?["port"]?.GetValue<int>());
        }
    }

    [Theory]
    [InlineData("api", true, "none")]
    [InlineData("realtime", true, "sticky")]
    [InlineData("web", true, "sticky")]
    [InlineData("worker", false, "none")]
    public void Ingress_exposure_and_session_affinity(string service, bool external, string affinity)
    {
        var ingress = App(service).Ingress!;

        Assert.Equal(external, ingress["external"]?.GetValue<bool>());
        Assert.Equal(affinity, ingress["stickySessions"]?["affinity"]?.GetValue<string>() ?? "none");
        Assert.NotEqual(true, ingress["allowInsecure"]?.GetValue<bool>());
    }

    [Theory]
    [InlineData("api", "http")]
    [InlineData("realtime", "http")]
    [InlineData("web", "http")]
    [InlineData("worker", "cpu|rabbitmq")]
    public void Services_scale_by_rule_between_parameterised_bounds(string service, string ruleKind)
    {
        var app = App(service);
        var scale = app.Properties["template"]!["scale"]!;

        foreach (var bound in new[] { "minReplicas", "maxReplicas" })
        {
            // The bound is a main.bicep parameter (so it can be changed with azd env set), not a constant.
            var (value, scope) = app.Scope.Locate(scale[bound], followDefaults: false);
            Assert.Same(Root, scope);
            Assert.Matches(@"^\[parameters\('[A-Za-z]+'\)\]$", value!.GetValue<string>());
        }
        var min = app.Scale["minReplicas"]!.GetValue<int>();
        var max = app.Scale["maxReplicas"]!.GetValue<int>();
        Assert.InRange(min, 0, max);
        Assert.True(max >= 1);

        var kinds = (app.Scale["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(rule => rule["http"] is not null ? "http" : rule["custom"]?["type"]?.GetValue<string>() ?? "")
            .ToList();
        Assert.Contains(kinds, kind => Regex.IsMatch(kind, $"^({ruleKind})$"));
        if (kinds.Contains("cpu"))
        {
            Assert.True(min >= 1, $"{service}: a CPU rule cannot scale up from zero replicas.");
        }
    }

    [Fact]
    public void Apps_run_as_the_managed_identity_and_pull_with_it()
    {
        foreach (var service in AzureYamlTests.ServiceNames)
        {
            var app = App(service);
            Assert.Equal("UserAssigned", app.Identity["type"]?.GetValue<string>());
            var registry = Assert.Single(app.Registries.OfType<JsonObject>());
            Assert.NotNull(registry["identity"]);
            Assert.Null(registry["passwordSecretRef"]);
            Assert.Null(registry["username"]);
        }
        AssertRoleAssigned("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull");
        AssertRoleAssigned("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User");
        AssertRoleAssigned("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor");
        Assert.Single(Root.FindResources("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void Blob_storage_is_reached_with_identity_and_has_the_containers()
    {
        var (scope, account) = Assert.Single(Root.FindResources("Microsoft.Storage/storageAccounts"),
            found => found.Scope.FindResources("Microsoft.Storage/storageAccounts/blobServices/containers").Any());
        Assert.False(account["properties"]?["allowSharedKeyAccess"]?.GetValue<bool>() ?? true,
            "The blob account must disable shared keys: the services use the managed identity.");
        Assert.False(account["properties"]?["allowBlobPublicAccess"]?.GetValue<bool>() ?? true);

        var containers = Assert.Single(scope.Resources, resource => TemplateScope.Type(resource) == "Microsoft.Storage/storageAccounts/blobServices/containers");
        var names = new HashSet<string>();
        if (containers["copy"]?["count"]?.GetValue<string>() is { } count
            && Regex.Match(count, @"^\[length\(parameters\('([^']+)'\)\)\]$") is { Success: true } loop)
        {
            var list = scope.Resolve(JsonValue.Create($"[parameters('{loop.Groups[1].Value}')]")) as JsonArray ?? [];
            names.UnionWith(list.Select(item => item!.GetValue<string>()));
        }
        else
        {
            names.UnionWith(scope.Resources
                .Where(resource => TemplateScope.Type(resource) == "Microsoft.Storage/storageAccounts/blobServices/containers")
                .Select(resource => scope.ChildName(resource) ?? ""));
        }
        foreach (var expected in new[] { "avatars", "course-media", "videos", "attachments", "certificates" })
        {
            Assert.Contains(expected, names);
        }
    }

    [Fact]
    public void Postgres_has_the_database_and_allows_the_extensions()
    {
        Assert.Single(Root.FindResources("Microsoft.DBforPostgreSQL/flexibleServers"));
        var databases = Root.FindResources("Microsoft.DBforPostgreSQL/flexibleServers/databases")
            .Select(found => found.Scope.ChildName(found.Resource));
        Assert.Contains("coursehub", databases);

        var (_, extensions) = Assert.Single(Root.FindResources("Microsoft.DBforPostgreSQL/flexibleServers/configurations"),
            found => found.Scope.ChildName(found.Resource) == "azure.extensions");
        var allowed = extensions["properties"]!["value"]!.GetValue<string>().Split(',', StringSplitOptions.TrimEntries);
        foreach (var extension in new[] { "pg_trgm", "btree_gist", "unaccent" })
        {
            Assert.Contains(extension, allowed, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Redis_is_tls_only()
    {
        var (_, redis) = Assert.Single(Root.FindResources("Microsoft.Cache/redis"));
        Assert.False(redis["properties"]?["enableNonSslPort"]?.GetValue<bool>() ?? true);
    }

    [Fact]
    public void RabbitMq_runs_internally_on_a_persistent_file_share()
    {
        var rabbit = Assert.Single(ContainerAppDefinition.All(Root), app => app.Image?.Contains("rabbitmq:3") == true);

        Assert.Null(rabbit.ServiceName);
        Assert.Equal("rabbitmq", rabbit.Name);
        Assert.False(rabbit.Ingress?["external"]?.GetValue<bool>() ?? true);
        Assert.Equal("tcp", rabbit.Ingress?["transport"]?.GetValue<string>());
        Assert.Equal(5672, rabbit.Ingress?["targetPort"]?.GetValue<int>());
        var volume = Assert.Single(rabbit.Volumes.OfType<JsonObject>());
        Assert.Equal("AzureFile", volume["storageType"]?.GetValue<string>());
        Assert.Equal(1, rabbit.Scale["maxReplicas"]?.GetValue<int>());
        Assert.NotEmpty(Root.FindResources("Microsoft.App/managedEnvironments/storages"));
    }

    [Fact]
    public void Container_apps_environment_logs_to_log_analytics()
    {
        var (_, environment) = Assert.Single(Root.FindResources("Microsoft.App/managedEnvironments"));
        Assert.Equal("log-analytics", environment["properties"]?["appLogsConfiguration"]?["destination"]?.GetValue<string>());
        Assert.Single(Root.FindResources("Microsoft.OperationalInsights/workspaces"));
        Assert.Single(Root.FindResources("Microsoft.ContainerRegistry/registries"));
    }

    private static void AssertRoleAssigned(string roleDefinitionId, string roleName)
    {
        // The role id is written inline or through a variable of the module.
        var assignments = Root.FindResources("Microsoft.Authorization/roleAssignments")
            .Select(found =>
            {
                var expression = TemplateScope.Text(found.Resource["properties"]?["roleDefinitionId"]);
                var variables = Regex.Matches(expression, @"variables\('([^']+)'\)")
                    .Select(match => TemplateScope.Text(found.Scope.Template["variables"]?[match.Groups[1].Value]));
                return string.Join(' ', variables.Prepend(expression));
            })
            .ToList();
        Assert.True(assignments.Any(id => id.Contains(roleDefinitionId, StringComparison.OrdinalIgnoreCase)),
            $"No {roleName} ({roleDefinitionId}) role assignment in the template.");
    }
}
