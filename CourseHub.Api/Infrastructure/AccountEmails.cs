using System.Net;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Notifications;

namespace CourseHub.Api.Infrastructure;

/// <summary>The account emails; links point at the Web front end (<c>App:WebBaseUrl</c>).</summary>
public sealed class AccountEmails(IConfiguration configuration)
{
    public const string ConfirmSubject = "Activate your CourseHub account";
    public const string ResetSubject = "Reset your CourseHub password";

    private string WebBaseUrl => configuration.WebBaseUrl();

    public EmailRequested Confirmation(string email, string displayName, Guid userId, string token)
    {
        var link = $"{WebBaseUrl}/account/confirm?userId={userId}&token={Uri.EscapeDataString(token)}";
        return Build(email, ConfirmSubject, displayName,
            "Welcome to CourseHub! Please confirm your email address to activate your account.", "Activate my account", link,
            "If you did not sign up, you can ignore this email.");
    }

    public EmailRequested PasswordReset(string email, string displayName, string token)
    {
        var link = $"{WebBaseUrl}/account/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";
        return Build(email, ResetSubject, displayName,
            "Someone (hopefully you) asked to reset your CourseHub password.", "Choose a new password", link,
            "If you did not ask for this, ignore this email: your password stays as it is.");
    }

    public const string InvitationSubject = "You are invited to CourseHub";

    /// <summary>An admin's invitation: a single-use link to choose a password and sign in, valid until <paramref name="expiresAt"/>.</summary>
    public EmailRequested Invitation(string email, string displayName, string role, string inviterName, string token, DateTimeOffset expiresAt)
    {
        var link = $"{WebBaseUrl}/account/invitation?token={Uri.EscapeDataString(token)}";
        return Build(email, InvitationSubject, displayName,
            $"{inviterName} invited you to join CourseHub as {(role == "Admin" ? "an" : "a")} {role.ToLowerInvariant()}. Choose a password to activate your account and sign in.",
            "Accept the invitation", link,
            $"The link works once and expires on {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. If you did not expect this email, you can ignore it.");
    }

    public const string SignUpAttemptSubject = "Someone tried to sign up with your CourseHub address";

    /// <summary>To the owner of a registered address that was used to sign up again (instead of telling the sign-up).</summary>
    public EmailRequested SignUpAttempt(string email, string displayName)
    {
        var link = $"{WebBaseUrl}/account/forgot-password";
        return Build(email, SignUpAttemptSubject, displayName,
            "Someone tried to create a CourseHub account with this email address, which already has one. No new account was created.",
            "Forgot your password? Reset it", link,
            "If it was you, just sign in. If not, you can ignore this email: your account is unchanged.");
    }

    public const string AccountDeletedSubject = "Your CourseHub account is being deleted";

    /// <summary>
    /// To the address of an account its owner just deleted: the account is closed, its personal data goes after the grace
    /// period, and until then the one-click link keeps the account (<paramref name="restoreToken"/>, valid until <paramref name="eraseAfter"/>).
    /// </summary>
    public EmailRequested AccountDeleted(string email, string displayName, string restoreToken, DateTimeOffset eraseAfter)
    {
        var link = $"{WebBaseUrl}/account/restore?token={Uri.EscapeDataString(restoreToken)}";
        return Build(email, AccountDeletedSubject, displayName,
            "Your CourseHub account was deleted at your request. You have been signed out everywhere and nobody can sign in to it any more. "
            + $"On {eraseAfter:yyyy-MM-dd HH:mm} UTC your name, email address, avatar and linked logins are erased; orders and invoices are kept "
            + "without your name, as the law requires, and your reviews, questions and messages stay, shown as from \"a former user\". "
            + "Changed your mind? Until then, the link below keeps your account and you can sign in again.",
            "Keep my account", link,
            "If you did not delete your account, use the link to keep it, then change your password.");
    }

    public const string GoogleLinkSubject = "Confirm adding Google sign-in to your CourseHub account";

    /// <summary>To the owner of a password account whose address a Google sign-in used: the link that links Google (the proof of ownership instead of the password).</summary>
    public EmailRequested GoogleLinkConfirmation(string email, string displayName, string token, TimeSpan lifetime)
    {
        var link = $"{WebBaseUrl}/account/google/confirm-link?token={Uri.EscapeDataString(token)}";
        return Build(email, GoogleLinkSubject, displayName,
            $"Someone (hopefully you) signed in with Google as {email} and asked to add Google sign-in to your CourseHub account. "
            + $"Open the link within {lifetime.TotalMinutes:0} minutes to link it and sign in.",
            "Link Google and sign in", link,
            "If it was not you, ignore this email: nothing is linked without this link, and your password stays as it is.");
    }

    public const string CourseRejectedSubject = "Your course needs changes before publishing";

    public EmailRequested CourseRejected(string email, string displayName, Guid courseId, string courseTitle, string reason, string unsubscribeToken)
    {
        var link = $"{WebBaseUrl}/teach/courses/{courseId}";
        return WithUnsubscribe(unsubscribeToken, NotificationKinds.CourseRejected, email, CourseRejectedSubject, displayName,
            $"Your course \"{courseTitle}\" was sent back to draft by a reviewer. Reason: {reason}", "Open the course", link,
            "Make the changes and submit the course for review again.");
    }

    public const string CourseApprovedSubject = "Your course is published";

    public EmailRequested CourseApproved(string email, string displayName, string courseTitle, string courseSlug, string unsubscribeToken)
    {
        var link = $"{WebBaseUrl}/courses/{courseSlug}";
        return WithUnsubscribe(unsubscribeToken, NotificationKinds.CourseApproved, email, CourseApprovedSubject, displayName,
            $"Good news: a reviewer approved your course \"{courseTitle}\". It is now published in the CourseHub catalog.", "See the course page", link,
            "Changes you make to a published course are visible to students at once.");
    }

    /// <summary>A notification email: the footer's unsubscribe link and the List-Unsubscribe header (account emails have neither).</summary>
    private EmailRequested WithUnsubscribe(string token, string kind, string to, string subject, string name, string intro, string action, string link, string footer)
    {
        var email = Build(to, subject, name, intro, action, link, footer);
        var unsubscribe = NotificationPreferences.UnsubscribeLink(WebBaseUrl, token, kind);
        return email with
        {
            HtmlBody = email.HtmlBody + $"<p style=\"color:#666;font-size:12px\"><a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Unsubscribe from these emails</a></p>",
            TextBody = email.TextBody + $"\n--\nUnsubscribe from these emails: {unsubscribe}\n",
            UnsubscribeUrl = NotificationPreferences.OneClickUnsubscribeLink(WebBaseUrl, token, kind),
        };
    }

    private static EmailRequested Build(string to, string subject, string name, string intro, string action, string link, string footer)
    {
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(action)}</a></p>
            <p style="color:#666">{WebUtility.HtmlEncode(footer)}</p>
            """;
        var text = $"Hello {name},\n\n{intro}\n\n{action}: {link}\n\n{footer}\n";
        return new EmailRequested(to, subject, html, text);
    }
}
