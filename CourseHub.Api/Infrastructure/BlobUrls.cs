using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// Short-lived read URLs (SAS) for private blobs, for users who may see them. With an account key (Azurite and
/// any connection string with a key) the URL is signed with it; in Azure, where shared keys are off and the app
/// signs in with its managed identity, it is signed with a user-delegation key, fetched once and reused until
/// it nears its end.
/// </summary>
public sealed class BlobUrls(BlobServiceClient blobs, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(12);
    // Clocks of this machine and the storage service may differ a little.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    /// <summary>A URL that reads <paramref name="blobName"/> for <see cref="Lifetime"/>.</summary>
    public Task<Uri> ReadUrlAsync(string container, string blobName, CancellationToken cancellationToken) =>
        ReadUrlAsync(container, blobName, null, cancellationToken);

    /// <summary>
    /// A URL that reads <paramref name="blobName"/> for <see cref="Lifetime"/>; with <paramref name="download"/>, the
    /// answer is a download whatever the blob's own headers say (the signed URL overrides Content-Disposition and
    /// Content-Type), so a file opened from it never runs as a page in the storage origin.
    /// </summary>
    public async Task<Uri> ReadUrlAsync(string container, string blobName, DownloadAs? download, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var now = clock.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now + Lifetime)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - ClockSkew,
        };
        if (download is not null)
        {
            sas.ContentDisposition = FileNames.Attachment(download.FileName);
            sas.ContentType = DownloadAs.InertContentType(download.ContentType);
        }
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }
        var key = await DelegationKeyAsync(now, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A URL must not outlive the key that signed it.
        if (_delegationKey is { } current && current.SignedExpiresOn > now + Lifetime + ClockSkew)
        {
            return current;
        }
        await _keyGate.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is { } refreshed && refreshed.SignedExpiresOn > now + Lifetime + ClockSkew)
            {
                return refreshed;
            }
            var options = new BlobGetUserDelegationKeyOptions(now + DelegationKeyLifetime) { StartsOn = now - ClockSkew };
            _delegationKey = (await blobs.GetUserDelegationKeyAsync(options, cancellationToken)).Value;
            return _delegationKey;
        }
        finally
        {
            _keyGate.Release();
        }
    }
}

/// <summary>How a blob is offered for saving: under its (sanitized) file name, with a content type a browser does not run.</summary>
public sealed record DownloadAs(string FileName, string? ContentType)
{
    private const string Binary = "application/octet-stream";

    // Types a browser shows without running anything; everything else is offered as plain bytes.
    private static readonly string[] Inert =
    [
        "application/pdf", "application/zip", "application/epub+zip", "application/vnd.openxmlformats-officedocument.",
        "image/png", "image/jpeg", "image/webp", "image/gif", "audio/", "video/", "text/plain", "text/csv", "text/markdown",
    ];

    /// <summary><paramref name="contentType"/> when it is one a browser never runs (HTML, SVG, XML, scripts), else application/octet-stream.</summary>
    public static string InertContentType(string? contentType)
    {
        var type = contentType?.Trim() ?? "";
        var mediaType = type.Split(';')[0].Trim();
        var inert = Inert.Any(known => known.EndsWith('/') || known.EndsWith('.')
            ? mediaType.StartsWith(known, StringComparison.OrdinalIgnoreCase)
            : mediaType.Equals(known, StringComparison.OrdinalIgnoreCase));
        return inert ? type : Binary;
    }
}
