using CourseHub.AppHost.Hosting;
using CourseHub.AppHost.Hosting.Resources;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Infrastructure;

/// <summary>
/// The whole system, started by the real AppHost <c>Program</c> (run in-process, as
/// Aspire.Hosting.Testing does) on free ports with throw-away data in a temp folder, so test runs
/// never touch a developer's <c>.coursehub/</c> and two runs can coexist. Realtime, Worker and Api run
/// two replicas each (and so does the Api, for the catalog's
/// cross-replica cache invalidation), so the tests can show what crosses instances. The demo
/// catalog is seeded (the Api's Development default).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private static readonly Lock EntryPointGate = new();
    private Thread? _appHostThread;

    public const string AdminEmail = "admin@coursehub.test";
    public const string AdminPassword = "test-admin-password-1";
    /// <summary>Downloads and resources are limited to 6 MiB here, so a test can go over the limit quickly.</summary>
    public const long MaxUploadFileBytes = 6 * 1024 * 1024;

    public DistributedApplication App { get; private set; } = null!;
    public string DataDirectory { get; } = TestDirectories.Create("system");

    public async Task InitializeAsync()
    {
        var built = new TaskCompletionSource<DistributedApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] args =
        [
            $"--DataDirectory={DataDirectory}",
            "--DynamicPorts=true",
            "--Durable=false",
            "--Dashboard:Port=0",
            "--Replicas:api=2",
            "--Replicas:realtime=2",
            "--Replicas:worker=2",
            // The first admin comes from configuration; these are throw-away test credentials.
            $"--Admin:Email={AdminEmail}",
            $"--Admin:Password={AdminPassword}",
            $"--Uploads:MaxFileBytes={MaxUploadFileBytes}",
        ];
        lock (EntryPointGate)
        {
            DistributedApplicationTesting.OnBuilt = built.SetResult;
            _appHostThread = new Thread(() =>
            {
                try
                {
                    typeof(DistributedApplicationBuilder).Assembly.EntryPoint!.Invoke(null, [args]);
                }
                catch (Exception ex)
                {
                    built.TrySetException(ex);
                }
            })
            { IsBackground = true, Name = "apphost-under-test" };
            _appHostThread.Start();
        }
        App = await built.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await App.WaitForAllHealthyAsync(TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        DistributedApplicationTesting.OnBuilt = null;
        TestDirectories.Delete(DataDirectory);
    }

    public ProjectResource Project(string name) => (ProjectResource)App[name];

    public string ConnectionString(string name) => App.GetConnectionString(name)
        ?? throw new InvalidOperationException($"{name} has no connection string");

    public CourseHubDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(ConnectionString("coursehub")).Options);

    public MailDevClient Mail => new(((MailDevResource)App["mail"]).WebUrl);
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
