namespace CourseHub.AppHost.LocalServers;

/// <summary>Azurite's blob service (npm), the local stand-in for Azure Blob Storage.</summary>
public sealed class AzuriteResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    // The development storage account's name and key are public, documented by Microsoft for its emulators.
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public EndpointReference Endpoint => new(this, "blob");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}/{DevelopmentAccount};");
}

/// <summary>The blob service of an <see cref="AzuriteResource"/>: what the services reference as <c>blobs</c>.</summary>
public sealed class BlobsResource(string name, AzuriteResource storage)
    : Resource(name), IResourceWithParent<AzuriteResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public AzuriteResource Parent { get; } = storage;
    public ReferenceExpression ConnectionStringExpression => Parent.ConnectionStringExpression;
}

public static class AzuriteBuilderExtensions
{
    public static IResourceBuilder<AzuriteResource> AddAzurite(this IDistributedApplicationBuilder builder, string name)
    {
        var settings = LocalServerSettings.For(builder);
        var binary = ServerProcess.FindOnPath("azurite-blob");
        if (binary is null)
        {
            settings.MissingPrerequisites.Add("Azurite (azurite-blob) — install: sudo npm install -g azurite");
        }
        var folder = settings.DataFolderFor(name, serviceAccount: null);
        var port = settings.Port(10000);
        return builder.AddResource(new AzuriteResource(name, binary ?? "azurite-blob", folder))
            .WithArgs("--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", folder, "--skipApiVersionCheck", "--silent", "--disableTelemetry")
            .WithLocalEndpoint("blob", port, "http")
            .WithIconName("Storage")
            .OnBeforeResourceStarted((_, _, cancellationToken) => ServerProcess.PrepareFolderAsync(folder, null, cancellationToken))
            .WithReadinessProbe(Probe.BlobStorageAsync);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddBlobs(this IResourceBuilder<AzuriteResource> storage, string name)
    {
        var builder = storage.ApplicationBuilder;
        if (builder.TryAddExistingServer(name, Probe.BlobStorageAsync) is { } existing)
        {
            builder.Resources.Remove(storage.Resource); // no local emulator needed
            LocalServerSettings.For(builder).MissingPrerequisites.RemoveAll(line => line.StartsWith("Azurite", StringComparison.Ordinal));
            return existing;
        }
        var blobs = builder.AddResource(new BlobsResource(name, storage.Resource))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Blob storage", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Folder")
            .OnInitializeResource(async (resource, @event, cancellationToken) =>
            {
                // As for a database: a child of an executable publishes its own state once its parent is ready.
                await @event.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Waiting });
                await @event.Notifications.WaitForResourceHealthyAsync(resource.Parent.Name, cancellationToken);
                await @event.Notifications.PublishUpdateAsync(resource, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
                await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, @event.Services), cancellationToken);
            })
            .WithReadinessProbe(Probe.BlobStorageAsync);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(blobs.Resource);
    }
}
