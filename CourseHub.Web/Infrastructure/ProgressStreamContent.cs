using System.Buffers;
using System.Net;

namespace CourseHub.Web.Infrastructure;

/// <summary>
/// A stream of known length as a request body, copied as the request is written and reporting the bytes sent so
/// far — an upload's progress. The known length lets the whole multipart request carry a Content-Length.
/// </summary>
public sealed class ProgressStreamContent(Stream source, long length, IProgress<long>? progress) : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
