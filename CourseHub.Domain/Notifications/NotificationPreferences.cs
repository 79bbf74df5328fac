using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Notifications;

/// <summary>How a user wants to hear about one kind of notification by email; in-app notifications always show.</summary>
public enum EmailMode
{
    /// <summary>An email as it happens.</summary>
    On,
    /// <summary>No email.</summary>
    Off,
    /// <summary>Listed in one email a day.</summary>
    Digest,
}

/// <summary>What a user can set for a kind, with the default for users who never chose.</summary>
public sealed record NotificationKindInfo(string Kind, string Label, EmailMode DefaultEmail);

/// <summary>The kinds a user sees on the preferences page, in the page's order.</summary>
public static class NotificationCatalog
{
    public static readonly IReadOnlyList<NotificationKindInfo> Kinds =
    [
        new(NotificationKinds.Message, "Chat messages while you are away (one email per conversation after 15 minutes unread)", EmailMode.On),
        new(NotificationKinds.QuestionReplied, "Replies to your questions", EmailMode.On),
        new(NotificationKinds.QuestionAsked, "New questions on your courses", EmailMode.On),
        new(NotificationKinds.LessonCommentReplied, "Replies to your lesson comments", EmailMode.On),
        new(NotificationKinds.LessonCommented, "New comments on your lessons", EmailMode.Digest),
        new(NotificationKinds.BlogCommentApproved, "Your blog comments approved", EmailMode.Off),
        new(NotificationKinds.ReviewReceived, "New reviews of your courses", EmailMode.Digest),
        new(NotificationKinds.ReviewReplied, "Teachers' replies to your reviews", EmailMode.On),
        new(NotificationKinds.Enrollment, "New enrollments in your courses", EmailMode.Digest),
        new(NotificationKinds.BookingRequested, "Live-class requests", EmailMode.On),
        new(NotificationKinds.BookingChanged, "Live-class approvals, changes and cancellations", EmailMode.On),
        new(NotificationKinds.BookingReminder, "Live-class reminders", EmailMode.On),
        new(NotificationKinds.CertificateIssued, "Certificates issued", EmailMode.On),
        new(NotificationKinds.CourseApproved, "Your course is approved", EmailMode.On),
        new(NotificationKinds.CourseRejected, "Your course is sent back", EmailMode.On),
        new(NotificationKinds.Moderation, "Moderation of your posts", EmailMode.On),
    ];

    public static NotificationKindInfo? Find(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The mode for a kind nobody configured, and for kinds outside the catalog (tests, future kinds): on.</summary>
    public static EmailMode DefaultFor(string kind) => Find(kind)?.DefaultEmail ?? EmailMode.On;

    public static string Wire(this EmailMode mode) => mode switch { EmailMode.Off => "off", EmailMode.Digest => "digest", _ => "on" };

    public static EmailMode? ParseEmailMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "on" => EmailMode.On,
        "off" => EmailMode.Off,
        "digest" => EmailMode.Digest,
        _ => null,
    };
}

/// <summary>One user's choice for one kind (rows exist only for kinds the user changed from the default).</summary>
public class NotificationPreference
{
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public EmailMode Email { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The secret in a user's unsubscribe links: one per user, so a link in any email works without signing in and only for
/// that user; random and stored rather than derived, so no key has to be shared between the services that write emails.
/// </summary>
public class UnsubscribeToken
{
    public Guid UserId { get; set; }
    public required string Token { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class NotificationPreferences
{
    /// <summary>The user's mode for the kind: their choice, or the kind's default.</summary>
    public static async Task<EmailMode> EmailModeAsync(this CourseHubDbContext db, Guid userId, string kind, CancellationToken cancellationToken)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.UserId == userId && p.Kind == kind).Select(p => (EmailMode?)p.Email).SingleOrDefaultAsync(cancellationToken);
        return chosen ?? NotificationCatalog.DefaultFor(kind);
    }

    /// <summary>The user's unsubscribe secret, made on first use (concurrent first uses agree on one).</summary>
    public static async Task<string> UnsubscribeTokenAsync(this CourseHubDbContext db, Guid userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO unsubscribe_tokens (user_id, token, created_at) VALUES ({userId}, {fresh}, {clock.GetUtcNow()})
            ON CONFLICT (user_id) DO NOTHING
            """, cancellationToken);
        return await db.UnsubscribeTokens.Where(t => t.UserId == userId).Select(t => t.Token).SingleAsync(cancellationToken);
    }

    /// <summary>The link in an email's footer: a Web page that unsubscribes from the kind (or from every kind) without signing in.</summary>
    public static string UnsubscribeLink(string webBaseUrl, string token, string? kind) =>
        $"{webBaseUrl.TrimEnd('/')}/notifications/unsubscribe?token={token}" + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}");

    /// <summary>The RFC 8058 one-click target in the List-Unsubscribe header (mail clients POST to it).</summary>
    public static string OneClickUnsubscribeLink(string webBaseUrl, string token, string? kind) =>
        $"{webBaseUrl.TrimEnd('/')}/notifications/unsubscribe/one-click?token={token}" + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}");

    /// <summary>Sets the user's mode for the kind (every catalog kind when <paramref name="kind"/> is null).</summary>
    public static async Task SetEmailModeAsync(this CourseHubDbContext db, Guid userId, string? kind, EmailMode mode, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var target in kind is null ? NotificationCatalog.Kinds.Select(k => k.Kind) : [kind])
        {
            var modeName = mode.ToString();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notification_preferences (user_id, kind, email, updated_at) VALUES ({userId}, {target}, {modeName}, {now})
                ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
                """, cancellationToken);
        }
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.Kind).HasMaxLength(50);
        builder.Property(p => p.Email).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnsubscribeTokenConfiguration : IEntityTypeConfiguration<UnsubscribeToken>
{
    public void Configure(EntityTypeBuilder<UnsubscribeToken> builder)
    {
        builder.ToTable("unsubscribe_tokens");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.Token).HasMaxLength(64);
        builder.HasIndex(t => t.Token).IsUnique();
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
