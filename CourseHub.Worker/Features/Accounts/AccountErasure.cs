using Azure.Storage.Blobs;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.Learning;
using CourseHub.Worker.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseHub.Worker.Features.Accounts;

public sealed class AccountDeletionOptions
{
    /// <summary>How long a deleted account waits before its personal data is erased.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often the Worker looks for accounts whose grace period is over (and for expired data exports).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Erases a deleted account's personal data once its grace period is over. The row stays (orders, reviews, questions,
/// comments and messages point at it), anonymised: the name becomes "a former user", the email an address that receives
/// nothing, the password, avatar, logins, two-factor keys, notification settings and notifications go. Orders are kept as the
/// law requires, and their receipts are made again without the name. What the person wrote stays, shown under the new name.
/// </summary>
public sealed class AccountErasure(CourseHubDbContext db, BlobServiceClient blobs, OrderReceipts receipts, IOptions<AccountDeletionOptions> options,
    TimeProvider clock, ILogger<AccountErasure> logger)
{
    /// <summary>Erases every account whose grace period has passed; returns how many.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.GracePeriod;
        var due = await db.Users.Where(u => u.DeletionRequestedAt != null && u.DeletionRequestedAt <= cutoff && u.ErasedAt == null)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var userId in due)
        {
            await EraseAsync(userId, cancellationToken);
        }
        return due.Count;
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.DeletionRequestedAt != null && u.ErasedAt == null, cancellationToken);
        if (user is null)
        {
            return; // Erased meanwhile by another replica's run (or never deleted).
        }
        var avatar = user.AvatarBlobName;
        var certificatePdfs = await db.Certificates.Where(c => c.UserId == userId && c.PdfBlobName != null).Select(c => c.PdfBlobName!).ToListAsync(cancellationToken);
        var exportBlobs = await db.DataExports.Where(e => e.UserId == userId && e.BlobName != null).Select(e => e.BlobName!).ToListAsync(cancellationToken);
        var paidOrders = await db.Orders.Where(o => o.BuyerId == userId && o.PaidAt != null).Select(o => o.Id).ToListAsync(cancellationToken);
        var erasedEmail = AppUser.ErasedEmail(userId);
        var oldEmail = user.Email;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user.DisplayName = AppUser.FormerUserName;
            user.Email = user.UserName = erasedEmail;
            user.NormalizedEmail = user.NormalizedUserName = erasedEmail.ToUpperInvariant();
            user.EmailConfirmed = false;
            user.PasswordHash = null;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.TwoFactorEnabled = false;
            user.Bio = null;
            user.TimeZone = "UTC";
            user.AvatarBlobName = null;
            // No lockout on top: an erased account answers sign-in like an unknown one would (no password, no logins, still marked deleted).
            user.ErasedAt = now;

            await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.UnsubscribeTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.UserNotifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.CalendarFeedTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.DataExports.Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            // Names copied onto other rows when they were made.
            await db.Certificates.Where(c => c.UserId == userId).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.StudentName, AppUser.FormerUserName).SetProperty(c => c.PdfBlobName, (string?)null), cancellationToken);
            await db.Courses.Where(c => c.TeacherId == userId).ExecuteUpdateAsync(set => set.SetProperty(c => c.TeacherName, AppUser.FormerUserName), cancellationToken);
            await db.LiveBookings.Where(b => b.StudentId == userId).ExecuteUpdateAsync(set => set.SetProperty(b => b.Note, (string?)null), cancellationToken);
            // The audit log keeps what happened and to which account id, not the address.
            if (oldEmail is not null)
            {
                await db.AuditEntries.Where(a => a.TargetUserId == userId).ExecuteUpdateAsync(set => set.SetProperty(a => a.TargetEmail, erasedEmail), cancellationToken);
                await db.AuditEntries.Where(a => a.ActorId == userId).ExecuteUpdateAsync(set => set.SetProperty(a => a.ActorEmail, erasedEmail), cancellationToken);
            }
            db.AuditEntries.Add(new AuditEntry
            {
                ActorId = Guid.Empty,
                ActorEmail = "worker",
                Action = "account.erased",
                TargetUserId = userId,
                TargetEmail = erasedEmail,
                Details = $"Personal data erased after the grace period of {options.Value.GracePeriod.TotalDays:0.##} days.",
                At = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a blob left behind by a crash here is only a file nobody's row names (the media sweep's kind of leftover).
        if (avatar is not null)
        {
            await blobs.GetBlobContainerClient(AppUser.AvatarContainer).DeleteBlobIfExistsAsync(avatar, cancellationToken: cancellationToken);
        }
        foreach (var pdf in certificatePdfs)
        {
            await blobs.GetBlobContainerClient(CertificateBlobs.Container).DeleteBlobIfExistsAsync(pdf, cancellationToken: cancellationToken);
        }
        foreach (var archive in exportBlobs)
        {
            await blobs.GetBlobContainerClient(DataExport.Container).DeleteBlobIfExistsAsync(archive, cancellationToken: cancellationToken);
        }
        // Invoices are kept, made again under the erased name.
        foreach (var orderId in paidOrders)
        {
            await receipts.MakeAsync(orderId, cancellationToken);
        }
        logger.LogInformation("Erased the personal data of deleted account {UserId}", userId);
    }

    /// <summary>Deletes the archives of data exports whose link has expired; returns how many.</summary>
    public async Task<int> ExpireExportsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await db.DataExports.Where(e => e.Status == DataExportStatus.Ready && e.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            if (export.BlobName is not null)
            {
                await blobs.GetBlobContainerClient(DataExport.Container).DeleteBlobIfExistsAsync(export.BlobName, cancellationToken: cancellationToken);
            }
            export.Status = DataExportStatus.Expired;
            export.BlobName = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }
}

/// <summary>Runs <see cref="AccountErasure"/> every scan interval; the clustered scheduler runs each firing on one Worker replica.</summary>
[DisallowConcurrentExecution]
public sealed class AccountErasureJob(AccountErasure erasure, ILogger<AccountErasureJob> logger) : IJob
{
    public static readonly JobKey Key = new("account-erasure", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var erased = await erasure.EraseDueAsync(cancellationToken);
        var expired = await erasure.ExpireExportsAsync(cancellationToken);
        if (erased + expired > 0)
        {
            logger.LogInformation("Erased {Erased} deleted accounts, removed {Expired} expired data exports", erased, expired);
        }
    }
}
