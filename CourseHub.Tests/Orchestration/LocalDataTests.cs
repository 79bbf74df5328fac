using Aspire.Hosting.Testing;
using CourseHub.AppHost.LocalServers;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// Where the local servers keep their data, and <c>--reset</c>; the app model is built, nothing is started. In the system
/// collection: the testing builder runs the AppHost's entry point, and two of those at once in one process interfere.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LocalDataTests
{
    [Fact]
    public async Task Reset_deletes_the_data_folder_before_anything_starts_and_without_it_the_data_stays()
    {
        var data = TestDirectories.Create("reset");
        var marker = Path.Combine(data, "postgres", "kept-from-an-earlier-run");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            await File.WriteAllTextAsync(marker, "data");

            await using var kept = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CourseHub_AppHost>([$"--DataDirectory={data}", "--DynamicPorts=true"]);
            Assert.True(File.Exists(marker));
            var postgres = Assert.IsType<PostgresServerResource>(kept.Resources.Single(resource => resource.Name == "postgres"));
            Assert.Equal(Path.Combine(data, "postgres"), postgres.WorkingDirectory);

            await using var reset = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CourseHub_AppHost>(
                [$"--DataDirectory={data}", "--DynamicPorts=true", "--reset"]);
            Assert.False(Directory.Exists(data), "--reset should have deleted the data folder");
        }
        finally
        {
            TestDirectories.Delete(data);
        }
    }
}
