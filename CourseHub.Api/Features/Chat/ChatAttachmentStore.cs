using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using CourseHub.Domain.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Chat;

/// <summary>Chat limits (configuration section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary><c>Chat:MaxAttachmentBytes</c>, default 25 MB.</summary>
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;
}

/// <summary>
/// Files sent in conversations: streamed into the private <see cref="MessageAttachment.Container"/> container and judged by
/// their content as course files are (<see cref="MultipartUpload"/>), read through short-lived links for the participants
/// and admins only. An attachment not yet sent with a message is its uploader's alone.
/// </summary>
public sealed class ChatAttachmentStore(CourseHubDbContext db, BlobServiceClient blobs, BlobUrls urls, TimeProvider clock,
    IOptions<ChatOptions> options, ILogger<ChatAttachmentStore> logger)
{
    private static volatile bool _containerExists;

    private BlobContainerClient Container => blobs.GetBlobContainerClient(MessageAttachment.Container);

    public async Task<ChatAttachment> UploadAsync(Guid uploaderId, Conversation conversation, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            _containerExists = true;
        }
        // Names of ids only, never of the user's file name.
        var blob = Container.GetBlockBlobClient($"conversations/{conversation.Id}/{Guid.CreateVersion7():N}");
        var received = await MultipartUpload.ReceiveAsync(request, blob, UploadKind.File, options.Value.MaxAttachmentBytes, cancellationToken);
        var file = received.Accepted;
        var attachment = new MessageAttachment
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            UploaderId = uploaderId,
            BlobName = file.BlobName,
            FileName = file.FileName,
            ContentType = file.ContentType,
            SizeBytes = file.SizeBytes,
            UploadedAt = clock.GetUtcNow(),
        };
        db.MessageAttachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await DeleteQuietlyAsync(blob);
            throw;
        }
        return ChatReader.ToWire(attachment);
    }

    /// <summary>
    /// The attachment of the conversation that <paramref name="userId"/> may read: a participant once it was sent (its
    /// uploader at once), or anyone the caller already let in (<paramref name="monitoring"/>: an admin).
    /// </summary>
    public async Task<ChatAttachmentLink> LinkAsync(Guid userId, Conversation conversation, Guid attachmentId, bool monitoring, CancellationToken cancellationToken)
    {
        var attachment = await db.MessageAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.ConversationId == conversation.Id, cancellationToken);
        if (attachment is null || (attachment.MessageId is null && attachment.UploaderId != userId && !monitoring))
        {
            throw Refusal.NotFound("attachment-not-found", "Attachment not found", "This conversation has no such attachment.");
        }
        var url = await urls.ReadUrlAsync(MessageAttachment.Container, attachment.BlobName, new DownloadAs(attachment.FileName, attachment.ContentType),
            cancellationToken);
        return new ChatAttachmentLink(attachment.Id, attachment.FileName, attachment.ContentType, attachment.SizeBytes, url.ToString(),
            clock.GetUtcNow() + BlobUrls.Lifetime);
    }

    private async Task DeleteQuietlyAsync(BlockBlobClient blob)
    {
        try
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not delete the unsaved chat attachment {BlobName}", blob.Name);
        }
    }
}
