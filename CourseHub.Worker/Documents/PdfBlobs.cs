using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CourseHub.Worker.Documents;

/// <summary>Stores a generated PDF (a receipt, a certificate) in its container, made on first use, replacing an older copy.</summary>
public static class PdfBlobs
{
    public static async Task StoreAsync(this BlobServiceClient blobs, string container, string name, byte[] pdf, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await client.GetBlobClient(name).UploadAsync(new BinaryData(pdf),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" } }, cancellationToken);
    }
}
