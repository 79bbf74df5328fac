using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CourseHub.Tests.Deployment;

/// <summary>azure.yaml names the four services, each a project of the solution and a container app of the template.</summary>
public sealed partial class AzureYamlTests
{
    /// <summary>The services azd deploys, and the projects they are built from.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceProjects = new Dictionary<string, string>
    {
        ["api"] = "CourseHub.Api",
        ["realtime"] = "CourseHub.Realtime",
        ["worker"] = "CourseHub.Worker",
        ["web"] = "CourseHub.Web",
    };

    public static IEnumerable<string> ServiceNames => ServiceProjects.Keys;

    private static YamlMappingNode LoadAzureYaml()
    {
        using var reader = new StreamReader(DeploymentPaths.AzureYaml);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Services() =>
        (YamlMappingNode)LoadAzureYaml().Children[new YamlScalarNode("services")];

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : "";

    [Fact]
    public void Lists_exactly_the_four_services_as_dotnet_container_apps()
    {
        var services = Services();
        var names = services.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!).ToList();

        Assert.Equal(ServiceNames.Order(), names.Order());
        foreach (var (key, value) in services.Children)
        {
            var service = (YamlMappingNode)value;
            var name = ((YamlScalarNode)key).Value!;
            Assert.Equal("containerapp", Scalar(service, "host"));
            Assert.Equal("dotnet", Scalar(service, "language"));
            Assert.Equal($"./{ServiceProjects[name]}", Scalar(service, "project"));
        }
    }

    [Fact]
    public void Uses_the_bicep_in_infra()
    {
        var infra = (YamlMappingNode)LoadAzureYaml().Children[new YamlScalarNode("infra")];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        var path = Scalar(infra, "path");
        var module = Scalar(infra, "module") is { Length: > 0 } named ? named : "main";
        Assert.True(File.Exists(DeploymentPaths.InRepository(path, $"{module}.bicep")), $"{path}/{module}.bicep does not exist.");
    }

    [Fact]
    public void Every_service_is_a_project_of_the_solution()
    {
        var solution = File.ReadAllText(DeploymentPaths.InRepository(DeploymentPaths.SolutionFileName));
        var listed = SolutionProject().Matches(solution)
            .Select(match => match.Groups[1].Value.Replace('\\', '/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var (_, value) in Services().Children)
        {
            var project = Scalar((YamlMappingNode)value, "project").TrimStart('.', '/');
            var directory = DeploymentPaths.InRepository(project);
            var projectFile = Path.Combine(directory, $"{Path.GetFileName(project)}.csproj");
            Assert.True(File.Exists(projectFile), $"{projectFile} does not exist.");
            Assert.Contains($"{project}/{Path.GetFileName(projectFile)}", listed);
        }
    }

    [Fact]
    public void Every_service_has_exactly_one_container_app_and_every_tagged_app_a_service()
    {
        var tagged = ContainerAppDefinition.All(CompiledTemplate.Instance.RequireRoot())
            .Select(app => app.ServiceName)
            .OfType<string>()
            .ToList();

        foreach (var service in ServiceNames)
        {
            Assert.Single(tagged, name => name == service);
        }
        Assert.All(tagged, name => Assert.Contains(name, ServiceNames));
    }

    [Fact]
    public void The_AppHost_is_an_Aspire_host_that_azd_never_deploys_and_no_listed_service_is_one()
    {
        var projects = Services().Children.Values.Cast<YamlMappingNode>().Select(service => Scalar(service, "project")).ToList();
        Assert.DoesNotContain(projects, project => project.Contains("AppHost", StringComparison.OrdinalIgnoreCase));

        // azd asks each listed dotnet service `IsAspireHost` and would run an Aspire host instead of deploying it:
        // only the AppHost, which is not listed, is one (its SDK sets the property).
        var appHost = File.ReadAllText(DeploymentPaths.InRepository("CourseHub.AppHost/CourseHub.AppHost.csproj"));
        Assert.Contains("Sdk=\"Aspire.AppHost.Sdk/", appHost);
        var buildFiles = BuildFiles(new DirectoryInfo(DeploymentPaths.RepositoryRoot))
            .Where(file => !file.EndsWith("CourseHub.AppHost.csproj", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(buildFiles);
        foreach (var file in buildFiles)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(AspireHostProperty(), text);
            Assert.DoesNotContain("Aspire.AppHost.Sdk", text);
        }
    }

    /// <summary>MSBuild files of the repository, leaving out build output, git and local run data.</summary>
    private static IEnumerable<string> BuildFiles(DirectoryInfo directory)
    {
        string[] skipped = ["bin", "obj", "node_modules", ".git", ".coursehub", "TestResults"];
        foreach (var file in directory.EnumerateFiles())
        {
            if (file.Extension is ".csproj" or ".props" or ".targets")
            {
                yield return file.FullName;
            }
        }
        foreach (var child in directory.EnumerateDirectories())
        {
            if (!skipped.Contains(child.Name, StringComparer.OrdinalIgnoreCase) && child.LinkTarget is null)
            {
                foreach (var file in BuildFiles(child))
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*"",\s*""([^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [GeneratedRegex(@"<IsAspireHost>\s*true\s*</IsAspireHost>", RegexOptions.IgnoreCase)]
    private static partial Regex AspireHostProperty();
}
