using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Worker.Features.Accounts;

public sealed class DataExportOptions
{
    /// <summary>How long the emailed download link works; the archive is deleted after it.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Prepares a requested data export: builds the archive, stores it in blob storage and, in one transaction, marks the export
/// ready and queues the email with its short-lived link. A repeated event finds the export no longer pending and does nothing;
/// two copies at once may both build, but only the one that moves the row from pending sends the email.
/// </summary>
public sealed class DataExportRequestedHandler(CourseHubDbContext db, DataExportArchive archive, BlobServiceClient blobs, ExportLinks links,
    IOptions<DataExportOptions> options, TimeProvider clock, ILogger<DataExportRequestedHandler> logger) : IEventHandler<DataExportRequested>
{
    public const string Subject = "Your CourseHub data is ready to download";

    public async Task HandleAsync(DataExportRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        var export = await db.DataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == message.ExportId, cancellationToken);
        if (export is not { Status: DataExportStatus.Pending })
        {
            return; // Prepared before (a repeated event), or gone with its account.
        }
        var content = await archive.BuildAsync(export.UserId, cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == export.UserId).Select(u => new { u.Email, u.DisplayName, u.DeletionRequestedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (content is null || user?.Email is null || user.DeletionRequestedAt is not null)
        {
            // The account was deleted meanwhile: nobody may receive its data now.
            await db.DataExports.Where(e => e.Id == export.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, DataExportStatus.Expired), cancellationToken);
            logger.LogInformation("Data export {ExportId} dropped: its account is deleted", export.Id);
            return;
        }

        var blobName = DataExport.BlobNameFor(export.UserId, export.Id);
        var container = blobs.GetBlobContainerClient(DataExport.Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } }, cancellationToken);

        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.LinkLifetime;
        var link = await links.DownloadUrlAsync(DataExport.Container, blobName, $"coursehub-data-{export.RequestedAt:yyyy-MM-dd}.zip", expiresAt, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.DataExports.Where(e => e.Id == export.Id && e.Status == DataExportStatus.Pending).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Status, DataExportStatus.Ready)
            .SetProperty(e => e.ReadyAt, now)
            .SetProperty(e => e.ExpiresAt, expiresAt)
            .SetProperty(e => e.BlobName, blobName)
            .SetProperty(e => e.SizeBytes, content.LongLength), cancellationToken);
        if (claimed == 0)
        {
            return; // Another copy of the event finished first and sent the email.
        }
        db.AddIntegrationEvent(Email(user.Email, user.DisplayName, link, expiresAt), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Data export {ExportId} ready ({Bytes} bytes), link valid until {ExpiresAt:u}", export.Id, content.LongLength, expiresAt);
    }

    private static EmailRequested Email(string to, string displayName, Uri link, DateTimeOffset expiresAt)
    {
        var url = link.ToString();
        var until = expiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var html = $"<p>Hello {WebUtility.HtmlEncode(displayName)},</p><p>The copy of your CourseHub data you asked for is ready: a zip archive of JSON files "
            + $"(profile, enrollments, orders, progress, certificates, reviews, questions, comments, messages, notifications, bookings).</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">Download my data</a></p><p>The link works until {until}. If you did not ask for this, sign in and change your password.</p>";
        var text = $"Hello {displayName},\n\nThe copy of your CourseHub data you asked for is ready: a zip archive of JSON files "
            + $"(profile, enrollments, orders, progress, certificates, reviews, questions, comments, messages, notifications, bookings).\n\n"
            + $"Download it here: {url}\n\nThe link works until {until}. If you did not ask for this, sign in and change your password.\n";
        return new EmailRequested(to, Subject, html, text);
    }
}
