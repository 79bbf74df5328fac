using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace CourseHub.ServiceDefaults;

/// <summary>
/// Blob storage in the shape of Aspire's Azure Blob Storage client integration (Aspire.Azure.Storage.Blobs is
/// not available to us): the same method name, connection string forms, health check name and trace source,
/// so switching to the package later changes no caller.
/// </summary>
public static class AzureBlobIntegration
{
    /// <summary>Name of the blob storage health check (Aspire's own name for it).</summary>
    public const string HealthCheckName = "Azure_BlobServiceClient";

    /// <summary>
    /// Registers a <see cref="BlobServiceClient"/> for <c>ConnectionStrings:{connectionName}</c>: either a
    /// full storage connection string (Azurite locally) or just the service URI, in which case the
    /// client signs in with the managed identity (Azure). Its operations are traced.
    /// </summary>
    public static IHostApplicationBuilder AddAzureBlobClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var value = builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing. Start the system through the AppHost " +
                $"(dotnet run --project CourseHub.AppHost) or set ConnectionStrings__{connectionName}.");
        builder.Services.AddSingleton(_ => Uri.TryCreate(value, UriKind.Absolute, out var serviceUri)
            ? new BlobServiceClient(serviceUri, new DefaultAzureCredential())
            : new BlobServiceClient(value));
        // Bounded: the SDK's own retries would keep a check of unreachable storage busy for over 20 seconds.
        builder.Services.AddHealthChecks().AddCheck<BlobHealthCheck>(HealthCheckName, timeout: TimeSpan.FromSeconds(5));

        // The Azure SDK writes its spans to ActivitySources ("Azure.Storage.Blobs.BlobContainerClient",
        // "Azure.Core.Http", "Azure.Identity", …) only with this switch on; otherwise OpenTelemetry sees nothing.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("Azure.*"));
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
                return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage is unreachable", ex);
            }
        }
    }
}
