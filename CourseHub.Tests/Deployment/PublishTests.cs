using System.Text.Json.Nodes;

namespace CourseHub.Tests.Deployment;

/// <summary>Publishing runs builds of the whole solution: one at a time, never next to other tests' builds.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishCollection
{
    public const string Name = "Deployment publish";
}

/// <summary>
/// The four services publish in Release (what `azd deploy` does before it wraps the output in a
/// container image), with the container settings of eng/Container.props.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    public static TheoryData<string> Projects => new(AzureYamlTests.ServiceProjects.Values);

    private static string ProjectFile(string project) => DeploymentPaths.InRepository(project, $"{project}.csproj");

    [Fact]
    public void Every_service_publishes_in_release()
    {
        // One test, one project after the other: parallel publishes of the same solution would
        // fight over the shared projects' obj folders on a two-core machine.
        foreach (var project in AzureYamlTests.ServiceProjects.Values)
        {
            var output = DeploymentPaths.NewTempDirectory($"publish-{project}");
            try
            {
                var result = Tool.Run(
                    DeploymentPaths.DotnetExecutable,
                    ["publish", ProjectFile(project), "-c", "Release", "-o", output, "--disable-build-servers", "-nologo"],
                    DeploymentPaths.RepositoryRoot,
                    PublishTimeout);

                Assert.True(result.ExitCode == 0, $"dotnet publish {project} failed: {result}");
                Assert.True(File.Exists(Path.Combine(output, $"{project}.dll")), $"{project}.dll is not in the publish output.");
            }
            finally
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Container_settings_come_from_eng_Container_props(string project)
    {
        var result = Tool.Run(
            DeploymentPaths.DotnetExecutable,
            [
                "msbuild", ProjectFile(project), "-nologo",
                "-getProperty:EnableSdkContainerSupport", "-getProperty:ContainerRepository",
                "-getProperty:ContainerUser", "-getProperty:ContainerFamily", "-getItem:ContainerPort",
            ],
            DeploymentPaths.RepositoryRoot,
            TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"dotnet msbuild -getProperty failed: {result}");

        var evaluation = JsonNode.Parse(result.StandardOutput)!;
        var properties = evaluation["Properties"]!;
        Assert.Equal("true", properties["EnableSdkContainerSupport"]?.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(project.Replace('.', '-').ToLowerInvariant(), properties["ContainerRepository"]?.GetValue<string>());
        Assert.Equal("app", properties["ContainerUser"]?.GetValue<string>());
        Assert.StartsWith("noble-chiseled", properties["ContainerFamily"]?.GetValue<string>());
        var port = Assert.Single(evaluation["Items"]!["ContainerPort"]!.AsArray());
        Assert.Equal("8080", port!["Identity"]?.GetValue<string>());
    }

    [Fact]
    public void No_service_has_a_Dockerfile()
    {
        foreach (var project in AzureYamlTests.ServiceProjects.Values)
        {
            Assert.False(File.Exists(DeploymentPaths.InRepository(project, "Dockerfile")),
                $"{project} has a Dockerfile; azd would build that instead of the SDK container.");
        }
    }
}
