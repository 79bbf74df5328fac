using System.Buffers;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>How writing a stream into a blob ended.</summary>
public enum WriteOutcome
{
    Stored,
    Empty,
    Refused,
    TooLarge,
}

public sealed record WriteResult(WriteOutcome Outcome, string? ContentType = null, long SizeBytes = 0, string? Refusal = null);

/// <summary>
/// Streams a request into a block blob one 4 MiB block at a time, so memory stays flat however large the file.
/// The first bytes are judged by content before anything is stored, and reading stops one byte past the limit.
/// Whatever fails part-way leaves nothing behind: staged blocks are discarded.
/// </summary>
public static class BlockBlobWriter
{
    public const int BlockSize = 4 * 1024 * 1024;

    /// <param name="judge">Decides from the first bytes (and whether they are the whole file) what the content is.</param>
    /// <param name="headers">The blob's HTTP headers for the detected content type.</param>
    public static async Task<WriteResult> WriteAsync(BlockBlobClient blob, Stream source, long maxBytes,
        Func<ReadOnlyMemory<byte>, bool, SniffResult> judge, Func<string, BlobHttpHeaders> headers, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var blockIds = new List<string>();
        var staged = false;
        try
        {
            // 1. The verdict comes from the first bytes alone, so a refused file costs one small read.
            var headWanted = (int)Math.Min(ContentSniffer.HeadLength, maxBytes + 1);
            var filled = await source.ReadAtLeastAsync(buffer.AsMemory(0, headWanted), headWanted, throwOnEndOfStream: false, cancellationToken);
            long total = filled;
            var endOfFile = filled < headWanted;
            if (total > maxBytes)
            {
                return new WriteResult(WriteOutcome.TooLarge, SizeBytes: total);
            }
            if (filled == 0)
            {
                return new WriteResult(WriteOutcome.Empty);
            }
            var verdict = judge(buffer.AsMemory(0, filled), endOfFile);
            if (verdict.ContentType is not { } contentType)
            {
                return new WriteResult(WriteOutcome.Refused, Refusal: verdict.Refusal);
            }
            // 2. Then block by block, reading one byte past the limit at most: the rest of an oversized file is never read.
            while (true)
            {
                if (!endOfFile)
                {
                    var wanted = (int)Math.Min(BlockSize - filled, maxBytes + 1 - total);
                    var read = await source.ReadAtLeastAsync(buffer.AsMemory(filled, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
                    filled += read;
                    total += read;
                    endOfFile = read < wanted;
                    if (total > maxBytes)
                    {
                        await DiscardAsync(blob, staged);
                        return new WriteResult(WriteOutcome.TooLarge, SizeBytes: total);
                    }
                }
                if (filled > 0)
                {
                    var blockId = BlockId(blockIds.Count);
                    staged = true;
                    await blob.StageBlockAsync(blockId, new MemoryStream(buffer, 0, filled, writable: false), cancellationToken: cancellationToken);
                    blockIds.Add(blockId);
                    filled = 0;
                }
                if (endOfFile)
                {
                    break;
                }
            }
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { HttpHeaders = headers(contentType) }, cancellationToken);
            return new WriteResult(WriteOutcome.Stored, contentType, total);
        }
        catch
        {
            await DiscardAsync(blob, staged);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Uncommitted blocks cannot be deleted one by one; committing an empty block list drops them, and the
    /// resulting empty blob is then deleted. Runs without the request's token: the client may be gone.
    /// </summary>
    public static async Task DiscardAsync(BlockBlobClient blob, bool staged)
    {
        if (!staged)
        {
            return;
        }
        try
        {
            await blob.CommitBlockListAsync([], new CommitBlockListOptions(), CancellationToken.None);
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Storage discards uncommitted blocks by itself after a week; nothing references them.
        }
    }

    // Block ids must all have the same length within a blob.
    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("d6", System.Globalization.CultureInfo.InvariantCulture)));
}
