using Azure.Storage.Blobs;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Teaching;

/// <summary>
/// Deletes the media blobs of deleted courses, modules and lessons — after the database no longer points
/// at them, so a failure here leaves an unreferenced blob (harmless), never a lesson without its file.
/// </summary>
public sealed class CourseMediaCleanup(BlobServiceClient blobs, ILogger<CourseMediaCleanup> logger)
{
    /// <summary>The private container of course thumbnails, videos, downloads and resources.</summary>
    public const string Container = CourseMedia.Container;

    public async Task DeleteAsync(IReadOnlyList<string> blobNames)
    {
        var container = blobs.GetBlobContainerClient(Container);
        foreach (var name in blobNames)
        {
            try
            {
                await container.DeleteBlobIfExistsAsync(name);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                logger.LogWarning(ex, "Could not delete the media blob {BlobName}; it is no longer referenced", name);
            }
        }
    }
}
