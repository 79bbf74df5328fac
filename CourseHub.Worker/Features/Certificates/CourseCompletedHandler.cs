using System.Net;
using Azure.Storage.Blobs;
using CourseHub.Domain.Notifications;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Learning;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Worker.Documents;
using CourseHub.Worker.Features.Email;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Worker.Features.Certificates;

/// <summary>
/// Issues the certificate of a completed course: exactly one per student and course (a unique index; a repeated event
/// finds it), with its PDF in blob storage, one email carrying the PDF, and one in-app notice (queued with the new row).
/// </summary>
public sealed class CourseCompletedHandler(CourseHubDbContext db, Inbox inbox, BlobServiceClient blobs, EmailSender sender, IConfiguration configuration,
    TimeProvider clock, ILogger<CourseCompletedHandler> logger) : IEventHandler<CourseCompleted>
{
    private string WebBaseUrl => configuration.WebBaseUrl();

    public async Task HandleAsync(CourseCompleted message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue, async token =>
        {
            var (certificate, created) = await IssueAsync(message, token);
            if (certificate is null || (!created && certificate.PdfBlobName is not null))
            {
                // Issued and stored before (a repeated event): nothing is made or sent twice.
                return;
            }
            var url = $"{WebBaseUrl}/certificates/{certificate.Code}";
            var pdf = CertificatePdf.Render(certificate, url);
            var name = CertificateBlobs.NameFor(certificate.Code);
            await blobs.StoreAsync(CertificateBlobs.Container, name, pdf, token);
            await db.Certificates.Where(c => c.Id == certificate.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.PdfBlobName, name), token);
            if (!created)
            {
                logger.LogInformation("Certificate {Code} was issued before without its PDF; the PDF is stored now, no second email", certificate.Code);
                return;
            }
            if (await db.EmailModeAsync(certificate.UserId, NotificationKinds.CertificateIssued, token) != EmailMode.On)
            {
                return; // The user takes certificates in the daily digest, or not by email: the in-app notification has it.
            }
            var email = await db.Users.Where(u => u.Id == certificate.UserId).Select(u => u.Email).SingleAsync(token);
            var unsubscribeToken = await db.UnsubscribeTokenAsync(certificate.UserId, clock, token);
            var unsubscribe = NotificationPreferences.UnsubscribeLink(WebBaseUrl, unsubscribeToken, NotificationKinds.CertificateIssued);
            var title = WebUtility.HtmlEncode(certificate.CourseTitle);
            await sender.SendAsync(context.MessageId, email!, $"Your certificate for “{certificate.CourseTitle}”",
                $"<p>Congratulations, {WebUtility.HtmlEncode(certificate.StudentName)}!</p><p>You completed <strong>{title}</strong>. Your certificate is attached (PDF); anyone can check it at <a href=\"{url}\">{url}</a> (code {certificate.Code}).</p><p style=\"color:#666;font-size:12px\"><a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Unsubscribe from certificate emails</a></p>",
                $"Congratulations, {certificate.StudentName}!\n\nYou completed \"{certificate.CourseTitle}\". Your certificate is attached (PDF); anyone can check it at {url} (code {certificate.Code}).\n\n--\nUnsubscribe from certificate emails: {unsubscribe}\n",
                token, [new EmailAttachment($"coursehub-certificate-{certificate.Code}.pdf", "application/pdf", pdf)],
                unsubscribeUrl: NotificationPreferences.OneClickUnsubscribeLink(WebBaseUrl, unsubscribeToken, NotificationKinds.CertificateIssued));
        }, cancellationToken);
        if (result.Outcome == InboxOutcome.ClaimedElsewhere)
        {
            throw new DeliveryDeferredException("another consumer is issuing this certificate", result.RetryAfter);
        }
    }

    private async Task<(Certificate? Certificate, bool Created)> IssueAsync(CourseCompleted message, CancellationToken cancellationToken)
    {
        if (await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == message.UserId && c.CourseId == message.CourseId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }
        var facts = await (from user in db.Users
                           from course in db.Courses
                           where user.Id == message.UserId && course.Id == message.CourseId
                           select new { user.DisplayName, course.Title, course.TeacherName }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            logger.LogWarning("Course {CourseId} or user {UserId} is gone; no certificate", message.CourseId, message.UserId);
            return (null, false);
        }
        var certificate = new Certificate
        {
            Id = Guid.CreateVersion7(),
            Code = Certificate.NewCode(),
            UserId = message.UserId,
            CourseId = message.CourseId,
            StudentName = facts.DisplayName,
            CourseTitle = facts.Title,
            TeacherName = facts.TeacherName,
            CompletedAt = message.CompletedAt,
            IssuedAt = clock.GetUtcNow(),
        };
        db.Certificates.Add(certificate);
        db.Notify(message.UserId, NotificationKinds.CertificateIssued, "Certificate issued",
            $"You completed “{facts.Title}”. Your certificate is ready.", $"/certificates/{certificate.Code}", clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (certificate, true);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // Issued meanwhile by another copy of the event: that one is the certificate.
            return (await db.Certificates.AsNoTracking().SingleAsync(c => c.UserId == message.UserId && c.CourseId == message.CourseId, cancellationToken), false);
        }
    }
}
