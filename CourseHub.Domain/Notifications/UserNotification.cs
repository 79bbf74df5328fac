using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Notifications;

/// <summary>
/// One in-app notification of one user: what happened (<see cref="Kind"/>, title, body), where it leads, and whether the
/// user has read it. Read ones are deleted by the Worker after a retention period.
/// </summary>
public class UserNotification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>When the Worker decided about this notification's email (sent, left for the digest, or none): once only.</summary>
    public DateTimeOffset? EmailDecidedAt { get; set; }
    /// <summary>Set when the user takes this kind as a daily digest: the next digest lists it and clears the flag.</summary>
    public bool AwaitsDigest { get; set; }
}

/// <summary>The kinds of notification, one per thing that happens to a user; stable strings (clients and preferences key on them).</summary>
public static class NotificationKinds
{
    public const string CourseApproved = "course-approved";
    public const string CourseRejected = "course-rejected";
    public const string Enrollment = "enrollment";
    public const string CertificateIssued = "certificate-issued";
    public const string ReviewReceived = "review-received";
    public const string ReviewReplied = "review-replied";
    public const string QuestionAsked = "question-asked";
    public const string QuestionReplied = "question-replied";
    public const string Moderation = "moderation";
    public const string LessonCommented = "lesson-commented";
    public const string LessonCommentReplied = "lesson-comment-replied";
    public const string BlogCommentApproved = "blog-comment-approved";
    public const string Message = "message";
    public const string BookingRequested = "booking-requested";
    public const string BookingChanged = "booking-changed";
    public const string BookingReminder = "booking-reminder";

    /// <summary>
    /// Kinds whose email is written by their own feature (a certificate's has the PDF attached): the notification pipeline
    /// sends none of its own for them, but still lists them in the daily digest of users who chose one.
    /// </summary>
    public static readonly IReadOnlySet<string> WithOwnEmail = new HashSet<string> { CourseApproved, CourseRejected, CertificateIssued };
}

public static class UserNotifications
{
    /// <summary>
    /// Stores a notification for <paramref name="userId"/> and, in the same transaction (the outbox), asks Realtime to push
    /// it to every open tab of the user: nothing is pushed that was not stored, and nothing stored is left unannounced.
    /// </summary>
    public static UserNotification Notify(this CourseHubDbContext db, Guid userId, string kind, string title, string body, string? url, TimeProvider clock)
    {
        var notification = new UserNotification
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Kind = kind,
            Title = title.Length > 200 ? title[..200] : title,
            Body = body.Length > 1000 ? body[..1000] : body,
            Url = url,
            CreatedAt = clock.GetUtcNow(),
        };
        db.UserNotifications.Add(notification);
        db.AddIntegrationEvent(new NotificationRequested(PersonalTopic(userId), notification.Title, notification.Body, url,
            notification.Id, kind, notification.CreatedAt), clock);
        return notification;
    }

    public static string PersonalTopic(Guid userId) => $"user:{userId}";
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> builder)
    {
        builder.ToTable("user_notifications");
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        // The bell's count: unread ones per user.
        builder.HasIndex(n => n.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_user_notifications_unread");
        builder.HasIndex(n => n.ReadAt).HasFilter("read_at IS NOT NULL");
        builder.HasIndex(n => n.UserId).HasFilter("awaits_digest").HasDatabaseName("ix_user_notifications_awaiting_digest");
        builder.Property(n => n.Kind).HasMaxLength(50);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(1000);
        builder.Property(n => n.Url).HasMaxLength(500);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
