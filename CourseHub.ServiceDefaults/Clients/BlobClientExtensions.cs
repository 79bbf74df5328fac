using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CourseHub.ServiceDefaults;

public static class BlobClientExtensions
{
    /// <summary>
    /// Registers a <see cref="BlobServiceClient"/> for <c>ConnectionStrings:{connectionName}</c>: either a
    /// full storage connection string (Azurite locally) or just the service URI, in which case the
    /// client signs in with the managed identity (Azure).
    /// </summary>
    public static IHostApplicationBuilder AddAzureBlobClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var value = ConnectionStrings.GetRequired(builder.Configuration, connectionName);
        builder.Services.AddSingleton(_ => Uri.TryCreate(value, UriKind.Absolute, out var serviceUri)
            ? new BlobServiceClient(serviceUri, new DefaultAzureCredential())
            : new BlobServiceClient(value));
        builder.Services.AddHealthChecks().AddCheck<BlobHealthCheck>($"blobs-{connectionName}");
        return builder;
    }

    private sealed class BlobHealthCheck(BlobServiceClient blobs) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Listing one container needs only data-reader rights, which a managed identity has.
                await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    break;
                }
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("Blob storage is unreachable", ex);
            }
        }
    }
}
