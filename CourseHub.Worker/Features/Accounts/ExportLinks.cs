using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace CourseHub.Worker.Features.Accounts;

/// <summary>
/// The emailed link to a data export: a read-only SAS URL of the one archive blob, offered as a download. Signed with the
/// account key where there is one (Azurite, a connection string with a key), else with a user-delegation key (in Azure,
/// where the Worker signs in with its managed identity) — as the Api's media links are.
/// </summary>
public sealed class ExportLinks(BlobServiceClient blobs, TimeProvider clock)
{
    // Clocks of this machine and the storage service may differ a little.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<Uri> DownloadUrlAsync(string container, string blobName, string fileName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var now = clock.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ContentDisposition = $"attachment; filename=\"{fileName}\"",
            ContentType = "application/zip",
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }
        var key = await blobs.GetUserDelegationKeyAsync(new Azure.Storage.Blobs.Models.BlobGetUserDelegationKeyOptions(expiresAt + ClockSkew) { StartsOn = now - ClockSkew },
            cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, blobs.AccountName) }.ToUri();
    }
}
