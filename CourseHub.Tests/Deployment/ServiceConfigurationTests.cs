using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseHub.Tests.Deployment;

/// <summary>
/// Each container app gets every setting its service requires (the same names the AppHost sets
/// locally), and nothing secret is a plain value anywhere in the template.
/// </summary>
public sealed partial class ServiceConfigurationTests
{
    private static TemplateScope Root => CompiledTemplate.Instance.RequireRoot();

    public static TheoryData<string, string[]> RequiredKeys => new()
    {
        { "api", CourseHub.Api.RequiredConfiguration.Keys },
        { "realtime", CourseHub.Realtime.RequiredConfiguration.Keys },
        { "worker", CourseHub.Worker.RequiredConfiguration.Keys },
        { "web", CourseHub.Web.RequiredConfiguration.Keys },
    };

    private static ContainerAppDefinition App(string serviceName) =>
        ContainerAppDefinition.All(Root).SingleOrDefault(app => app.ServiceName == serviceName)
        ?? throw new Xunit.Sdk.XunitException($"No container app tagged azd-service-name={serviceName}.");

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void Container_app_provides_every_required_setting(string service, string[] keys)
    {
        Assert.NotEmpty(keys);
        var provided = App(service).EnvironmentNames;

        foreach (var key in keys)
        {
            Assert.Contains(key.Replace(":", "__"), provided);
        }
    }

    [Theory]
    [InlineData("api", "Auth__SigningKey")]
    [InlineData("api", "Admin__Email")]
    [InlineData("api", "Admin__Password")]
    [InlineData("api", "Stripe__SecretKey")]
    [InlineData("api", "Stripe__WebhookSecret")]
    [InlineData("realtime", "services__api__http__0")]
    [InlineData("realtime", "services__api__https__0")]
    [InlineData("web", "services__api__https__0")]
    [InlineData("web", "services__realtime__https__0")]
    public void Container_app_provides_the_settings_of_later_features(string service, string name)
    {
        Assert.Contains(name, App(service).EnvironmentNames);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("realtime")]
    [InlineData("worker")]
    [InlineData("web")]
    public void Container_app_runs_in_production_with_telemetry_name_and_identity(string service)
    {
        var app = App(service);

        Assert.Equal("Production", ContainerAppDefinition.Text(app.Variable("ASPNETCORE_ENVIRONMENT")?["value"]));
        Assert.Equal(service, ContainerAppDefinition.Text(app.Variable("OTEL_SERVICE_NAME")?["value"]));
        Assert.NotNull(app.Variable("AZURE_CLIENT_ID")?["value"]);
        Assert.Equal(app.EnvironmentNames.Count, app.EnvironmentNames.Distinct().Count());
    }

    [Fact]
    public void Blob_connection_is_the_service_uri_without_a_key()
    {
        // Just the blob endpoint: the services sign in with the managed identity (AZURE_CLIENT_ID).
        foreach (var service in new[] { "api", "worker" })
        {
            var (variable, scope) = App(service).Environment.Single(entry => ContainerAppDefinition.Text(entry.Variable["name"]) == "ConnectionStrings__blobs");
            var value = variable["value"];

            Assert.NotNull(value);
            Assert.False(scope.CarriesSecret(value));
            Assert.Contains("blobEndpoint", Trace(value, scope), StringComparison.OrdinalIgnoreCase);
        }
        var endpoints = Root.SelfAndDescendants()
            .SelectMany(scope => scope.Outputs.Where(output => output.Key == "blobEndpoint").Select(output => TemplateScope.Text(output.Value)));
        Assert.Contains(endpoints, output => output.Contains("primaryEndpoints.blob", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_settings_are_secret_references_and_plain_values_carry_no_secret()
    {
        var apps = ContainerAppDefinition.All(Root);
        Assert.True(apps.Count >= 5, "Expected the four services and RabbitMQ.");

        foreach (var app in apps)
        {
            var secretNames = app.Secrets.Select(entry => ContainerAppDefinition.Text(entry.Secret["name"])).ToHashSet();
            foreach (var (variable, scope) in app.Environment)
            {
                var name = ContainerAppDefinition.Text(variable["name"]) ?? "";
                var secretRef = ContainerAppDefinition.Text(variable["secretRef"]);
                var value = variable["value"];
                Assert.True(secretRef is null ^ value is null, $"{app}: {name} needs exactly one of value and secretRef.");

                if (secretRef is not null)
                {
                    Assert.Contains(secretRef, secretNames);
                    continue;
                }
                Assert.False(SecretName().IsMatch(name), $"{app}: {name} looks secret but is a plain value; use secretRef.");
                Assert.False(scope.CarriesSecret(value), $"{app}: {name} is a plain value computed from a secret.");
                var text = TemplateScope.Text(scope.Resolve(value));
                Assert.DoesNotMatch(CredentialInConnectionString(), text);
            }
        }
    }

    [Fact]
    public void Container_app_secrets_are_key_vault_references_or_secure_values()
    {
        var vaultSecrets = Root.FindResources("Microsoft.KeyVault/vaults/secrets")
            .Select(found => found.Scope.ChildName(found.Resource))
            .OfType<string>()
            .ToHashSet();
        Assert.NotEmpty(vaultSecrets);

        foreach (var app in ContainerAppDefinition.All(Root))
        {
            foreach (var (secret, scope) in app.Secrets)
            {
                var name = ContainerAppDefinition.Text(secret["name"]);
                if (secret["keyVaultUrl"] is { } url)
                {
                    Assert.NotNull(secret["identity"]);
                    Assert.Null(secret["value"]);
                    var match = KeyVaultSecretName().Match(Trace(url, scope));
                    Assert.True(match.Success, $"{app}: cannot read the Key Vault secret name of '{name}'.");
                    Assert.Contains(match.Groups[1].Value, vaultSecrets);
                }
                else
                {
                    Assert.True(scope.CarriesSecret(secret["value"]),
                        $"{app}: secret '{name}' is neither a Key Vault reference nor taken from a secure parameter or listKeys().");
                }
            }
        }
    }

    [Fact]
    public void Key_vault_holds_the_platform_secrets()
    {
        var vaultSecrets = Root.FindResources("Microsoft.KeyVault/vaults/secrets")
            .Select(found => found.Scope.ChildName(found.Resource))
            .ToHashSet();
        string[] expected =
        [
            "postgres-admin-password", "stripe-secret-key", "stripe-webhook-secret", "auth-signing-key",
            "admin-email", "admin-password", "rabbitmq-password", "smtp-password",
            "connectionstrings-coursehub", "connectionstrings-redis", "connectionstrings-messaging", "connectionstrings-mail",
        ];
        foreach (var name in expected)
        {
            Assert.Contains(name, vaultSecrets);
        }
        foreach (var (scope, secret) in Root.FindResources("Microsoft.KeyVault/vaults/secrets"))
        {
            Assert.True(scope.CarriesSecret(secret["properties"]?["value"]),
                $"{scope.Path}: Key Vault secret {scope.ChildName(secret)} is not computed from a secure parameter or listKeys().");
        }
    }

    /// <summary>The value, followed through parameters to where it is written, as one string for matching.</summary>
    private static string Trace(JsonNode? node, TemplateScope scope)
    {
        var (located, _) = scope.Locate(node);
        return TemplateScope.Text(located);
    }

    [GeneratedRegex(@"(?i)(password|secret|key|token|_pass$)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(password=|pwd=|accountkey=|sharedaccesskey=|sharedaccesssignature=|sig=|://[^/@:]+:[^/@]+@)")]
    private static partial Regex CredentialInConnectionString();

    [GeneratedRegex(@"secrets/([A-Za-z0-9-]+)")]
    private static partial Regex KeyVaultSecretName();
}
