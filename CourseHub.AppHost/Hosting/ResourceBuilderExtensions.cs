using CourseHub.AppHost.Hosting.Resources;

namespace CourseHub.AppHost.Hosting;

/// <summary>The Aspire-style vocabulary for describing the application model.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<Resource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.Configuration.GetConnectionStringValue(name) is { } existing
            ? builder.AddResource<Resource>(new ExternalResource(name, "PostgreSQL", existing, Probe.PostgresAsync))
            : builder.AddResource<Resource>(new PostgresServerResource(name, builder.Durable) { Port = builder.AllocatePort(15432) });

    public static IResourceBuilder<Resource> AddDatabase(this IResourceBuilder<Resource> server, string name, string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        if (builder.Configuration.GetConnectionStringValue(name) is { } existing)
        {
            // The database lives elsewhere, so a local server would only be started for nothing.
            if (server.Resource is PostgresServerResource)
            {
                builder.RemoveResource(server.Resource);
            }
            return builder.AddResource<Resource>(new ExternalResource(name, "PostgreSQL database", existing, Probe.PostgresAsync));
        }
        var database = server.Resource switch
        {
            PostgresServerResource local => new PostgresDatabaseResource(name, local, databaseName ?? name),
            ExternalResource external => (Resource)new ExternalResource(name, "PostgreSQL database",
                $"{external.ConnectionString};Database={databaseName ?? name}", Probe.PostgresAsync),
            _ => throw new InvalidOperationException("AddDatabase needs a PostgreSQL server."),
        };
        return builder.AddResource(database).WaitFor(server);
    }

    public static IResourceBuilder<Resource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.Configuration.GetConnectionStringValue(name) is { } existing
            ? builder.AddResource<Resource>(new ExternalResource(name, "Redis", existing, (value, token) =>
            {
                var endpoint = value.Split(',')[0].Split(':');
                return Probe.RedisAsync(endpoint[0], endpoint.Length > 1 ? int.Parse(endpoint[1]) : 6379, token);
            }))
            : builder.AddResource<Resource>(new RedisResource(name, builder.Durable) { Port = builder.AllocatePort(16379) });

    public static IResourceBuilder<Resource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.Configuration.GetConnectionStringValue(name) is { } existing
            ? builder.AddResource<Resource>(new ExternalResource(name, "RabbitMQ", existing, Probe.RabbitMqAsync))
            : builder.AddResource<Resource>(new RabbitMqResource(name)
            {
                Port = builder.AllocatePort(15673),
                DistributionPort = builder.AllocatePort(25673),
                EpmdPort = builder.AllocatePort(14369),
            });

    public static IResourceBuilder<Resource> AddAzurite(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource<Resource>(new AzuriteResource(name) { Port = builder.AllocatePort(10000) });

    public static IResourceBuilder<Resource> AddBlobs(this IResourceBuilder<Resource> storage, string name)
    {
        var builder = storage.ApplicationBuilder;
        if (builder.Configuration.GetConnectionStringValue(name) is { } existing)
        {
            builder.RemoveResource(storage.Resource); // no local emulator needed
            return builder.AddResource<Resource>(new ExternalResource(name, "Blob storage", existing, Probe.BlobStorageAsync));
        }
        return builder.AddResource<Resource>(new BlobsResource(name, (AzuriteResource)storage.Resource)).WaitFor(storage);
    }

    public static IResourceBuilder<Resource> AddMailDev(this DistributedApplicationBuilder builder, string name) =>
        builder.Configuration.GetConnectionStringValue(name) is { } existing
            ? builder.AddResource<Resource>(new ExternalResource(name, "SMTP server", existing, Probe.SmtpAsync))
            : builder.AddResource<Resource>(new MailDevResource(name) { Port = builder.AllocatePort(1025), WebPort = builder.AllocatePort(1080) });

    /// <summary>A project of the solution, by path relative to the AppHost project.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath, int port)
    {
        var fullPath = Path.GetFullPath(Path.Combine(DistributedApplicationBuilder.AppHostProjectDirectory, projectPath));
        return builder.AddResource(new ProjectResource(name, fullPath)
        {
            Port = builder.AllocatePort(port),
            OtlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
        });
    }

    /// <summary>Gives the project the resource's connection string (or, for a project, its URL for service discovery).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> dependency)
    {
        project.Resource.References.Add(dependency.Resource);
        return project;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> resource, IResourceBuilder<Resource> dependency) where T : Resource
    {
        resource.Resource.WaitsFor.Add(dependency.Resource);
        return resource;
    }

    /// <summary>Runs <paramref name="replicas"/> processes of the project behind one load-balanced endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        if (replicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), "A project needs at least one replica.");
        }
        project.Resource.ReplicaCount = replicas;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.ExtraEnvironment[name] = value;
        return project;
    }

    private static string? GetConnectionStringValue(this Microsoft.Extensions.Configuration.IConfiguration configuration, string name) =>
        configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } value ? value : null;
}
