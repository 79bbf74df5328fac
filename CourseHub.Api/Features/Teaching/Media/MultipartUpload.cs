using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CourseHub.Api.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>A file that an upload stored in blob storage.</summary>
[FeatureSeam]
public sealed record StoredFile(string BlobName, string FileName, string ContentType, long SizeBytes);

/// <summary>The stored file and the form's small text fields, or why it was refused (and then nothing is stored).</summary>
[FeatureSeam]
public sealed record ReceivedUpload(StoredFile? File, IReadOnlyDictionary<string, string> Fields, Refusal? Problem)
{
    /// <summary>The stored file; throws the refusal (answered as ProblemDetails) when there is none.</summary>
    public StoredFile Accepted => Problem is null ? File! : throw Problem;
}

/// <summary>
/// Reads a multipart/form-data request as it arrives — never the whole body at once — and streams its
/// <c>file</c> part into a new block blob (see <see cref="BlockBlobWriter"/>); other parts are small text fields.
/// </summary>
[FeatureSeam]
public static class MultipartUpload
{
    public const string FileField = "file";
    private const int MaxFieldLength = 4096;
    private const int MaxFields = 8;

    public static async Task<ReceivedUpload> ReceiveAsync(HttpRequest request, BlockBlobClient blob, UploadKind kind, long maxBytes,
        CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            return Failed(UploadProblems.File("Send the file as multipart/form-data in a field named 'file'."));
        }
        if (request.ContentLength > maxBytes + UploadOptions.MultipartAllowance)
        {
            return Failed(UploadProblems.TooLarge(maxBytes));
        }
        StoredFile? stored = null;
        try
        {
            var reader = new MultipartReader(boundary.ToString(), request.Body);
            // Reading the next section skips whatever is left of the previous one.
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                if (disposition.IsFileDisposition())
                {
                    if (name != FileField || stored is not null)
                    {
                        continue;
                    }
                    var fileName = FileNames.Sanitize(disposition.FileNameStar.HasValue
                        ? disposition.FileNameStar.ToString()
                        : HeaderUtilities.RemoveQuotes(disposition.FileName).ToString());
                    var written = await BlockBlobWriter.WriteAsync(blob, section.Body, maxBytes,
                        (head, whole) => ContentSniffer.Sniff(kind, head.Span, fileName, whole),
                        contentType => Headers(kind, contentType, fileName), cancellationToken);
                    switch (written.Outcome)
                    {
                        case WriteOutcome.Empty:
                            return Failed(UploadProblems.File("The file is empty."));
                        case WriteOutcome.Refused:
                            return Failed(UploadProblems.File(written.Refusal!));
                        case WriteOutcome.TooLarge:
                            return Failed(UploadProblems.TooLarge(maxBytes));
                    }
                    stored = new StoredFile(blob.Name, fileName, written.ContentType!, written.SizeBytes);
                }
                else if (disposition.IsFormDisposition() && fields.Count < MaxFields)
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return await FailedAsync(UploadProblems.Field(name, $"Keep '{name}' under {MaxFieldLength} characters."));
                    }
                    if (TextInput.Problem(value, TextInput.KindOf(name)) is { } unsafeText)
                    {
                        return await FailedAsync(UploadProblems.Field(name, unsafeText));
                    }
                    fields[name] = value;
                }
            }
            return stored is null
                ? Failed(UploadProblems.File("Choose a file to upload (multipart field 'file')."))
                : new ReceivedUpload(stored, fields, null);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own body limit for the route, or a body that ended early.
            return await FailedAsync(ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? UploadProblems.TooLarge(maxBytes)
                : UploadProblems.File("The upload ended before the file was complete."));
        }
        catch (InvalidDataException)
        {
            return await FailedAsync(UploadProblems.File("The upload is not valid multipart/form-data."));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away (or cancelled) part-way.
            return await FailedAsync(UploadProblems.File("The upload ended before the file was complete."));
        }

        async Task<ReceivedUpload> FailedAsync(Refusal problem)
        {
            if (stored is not null)
            {
                await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            }
            return Failed(problem);
        }

        ReceivedUpload Failed(Refusal problem) => new(null, fields, problem);
    }

    private static BlobHttpHeaders Headers(UploadKind kind, string contentType, string fileName) => new()
    {
        ContentType = contentType,
        // Files are saved under their own name; images and videos are shown in the page.
        ContentDisposition = kind == UploadKind.File ? FileNames.Attachment(fileName) : null,
    };

    /// <summary>A small text field, or null when it is longer than <see cref="MaxFieldLength"/> characters.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return length > MaxFieldLength ? null : new string(buffer, 0, length);
    }
}
