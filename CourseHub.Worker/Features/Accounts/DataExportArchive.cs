using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Accounts;

/// <summary>
/// A user's data as a zip of JSON files, one per area. Only what is the user's own: their profile, their purchases and
/// learning, what they wrote (reviews, questions, replies, comments, chat messages) and what was addressed to them
/// (notifications). Other people appear only by display name (the other side of a conversation or a booking), and their
/// words are left out (a teacher's reply to a review, the messages the other side sent).
/// </summary>
public sealed class DataExportArchive(CourseHubDbContext db, BlobServiceClient blobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The archive's files and their contents, by name; null when the user is gone.</summary>
    public async Task<byte[]?> BuildAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var files = new Dictionary<string, object>
        {
            ["profile.json"] = await ProfileAsync(user, cancellationToken),
            ["enrollments.json"] = await EnrollmentsAsync(userId, cancellationToken),
            ["orders.json"] = await OrdersAsync(userId, cancellationToken),
            ["progress.json"] = await ProgressAsync(userId, cancellationToken),
            ["certificates.json"] = await db.Certificates.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.IssuedAt)
                .Select(c => new { c.Code, c.CourseId, c.CourseTitle, c.StudentName, c.TeacherName, c.CompletedAt, c.IssuedAt, c.RevokedAt })
                .ToListAsync(cancellationToken),
            ["reviews.json"] = await (from r in db.Reviews.AsNoTracking()
                                      join c in db.Courses on r.CourseId equals c.Id
                                      where r.AuthorId == userId
                                      orderby r.CreatedAt
                                      select new { r.Id, r.CourseId, CourseTitle = c.Title, r.Rating, r.Text, r.CreatedAt, r.EditedAt, HiddenByModerators = r.HiddenAt != null })
                .ToListAsync(cancellationToken),
            ["questions.json"] = await QuestionsAsync(userId, cancellationToken),
            ["comments.json"] = await CommentsAsync(userId, cancellationToken),
            ["messages.json"] = await MessagesAsync(userId, cancellationToken),
            ["notifications.json"] = await NotificationsAsync(userId, cancellationToken),
            ["bookings.json"] = await BookingsAsync(userId, cancellationToken),
            ["courses-taught.json"] = await db.Courses.AsNoTracking().Where(c => c.TeacherId == userId).OrderBy(c => c.CreatedAt)
                .Select(c => new { c.Id, c.Title, c.Slug, Status = c.Status.ToString(), c.PriceMinor, c.Currency, c.CreatedAt })
                .ToListAsync(cancellationToken),
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var now = clock.GetUtcNow();
            await WriteAsync(zip, "README.json", new
            {
                About = "Your CourseHub data. Each file is one area; other people appear only by their display name.",
                GeneratedAt = now,
                UserId = userId,
                Files = files.Keys.Order().ToList(),
            }, now, cancellationToken);
            foreach (var (name, content) in files)
            {
                await WriteAsync(zip, name, content, now, cancellationToken);
            }
            if (await AvatarAsync(user, cancellationToken) is { } avatar)
            {
                var entry = zip.CreateEntry("avatar" + avatar.Extension, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(avatar.Bytes, cancellationToken);
            }
        }
        return buffer.ToArray();
    }

    private static async Task WriteAsync(ZipArchive zip, string name, object content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = now;
        await using var stream = await entry.OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(stream, content, Json, cancellationToken);
    }

    private async Task<object> ProfileAsync(AppUser user, CancellationToken cancellationToken)
    {
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync(cancellationToken);
        var logins = await db.UserLogins.Where(l => l.UserId == user.Id).Select(l => l.LoginProvider).ToListAsync(cancellationToken);
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user.Id)
            .Select(p => new { p.Kind, Email = p.Email.ToString(), p.UpdatedAt }).ToListAsync(cancellationToken);
        return new
        {
            user.Id,
            user.Email,
            user.EmailConfirmed,
            user.DisplayName,
            user.Bio,
            user.TimeZone,
            user.CreatedAt,
            Roles = roles,
            user.TwoFactorEnabled,
            HasPassword = user.PasswordHash is not null,
            LinkedLogins = logins,
            HasAvatar = user.AvatarBlobName is not null,
            NotificationPreferences = preferences,
        };
    }

    private async Task<object> EnrollmentsAsync(Guid userId, CancellationToken cancellationToken) =>
        await (from e in db.Enrollments.AsNoTracking()
               join c in db.Courses on e.CourseId equals c.Id
               where e.UserId == userId
               orderby e.EnrolledAt
               select new { e.CourseId, CourseTitle = c.Title, c.TeacherName, e.OrderId, e.EnrolledAt, e.LastActivityAt, e.CompletedAt, e.RevokedAt })
            .ToListAsync(cancellationToken);

    private async Task<object> OrdersAsync(Guid userId, CancellationToken cancellationToken) =>
        await (from o in db.Orders.AsNoTracking()
               join c in db.Courses on o.CourseId equals c.Id
               where o.BuyerId == userId
               orderby o.CreatedAt
               select new
               {
                   o.Id,
                   o.CourseId,
                   CourseTitle = c.Title,
                   o.AmountMinor,
                   o.Currency,
                   Status = o.Status.ToString(),
                   o.CreatedAt,
                   o.PaidAt,
                   o.RefundRequestedAt,
                   o.RefundedAt,
                   o.RefundedMinor,
               })
            .ToListAsync(cancellationToken);

    private async Task<object> ProgressAsync(Guid userId, CancellationToken cancellationToken)
    {
        var lessons = await (from p in db.LessonProgress.AsNoTracking()
                             join l in db.Lessons on p.LessonId equals l.Id
                             where p.UserId == userId
                             orderby p.UpdatedAt
                             select new { p.CourseId, p.LessonId, LessonTitle = l.Title, p.PositionSeconds, p.CompletedAt, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        var quizzes = await (from a in db.QuizAttempts.AsNoTracking()
                             join l in db.Lessons on a.LessonId equals l.Id
                             where a.UserId == userId
                             orderby a.SubmittedAt
                             select new { a.LessonId, LessonTitle = l.Title, a.Score, a.MaxScore, a.PassMarkPercent, a.Passed, a.Answers, a.SubmittedAt })
            .ToListAsync(cancellationToken);
        return new { Lessons = lessons, QuizAttempts = quizzes.Select(q => new { q.LessonId, q.LessonTitle, q.Score, q.MaxScore, q.PassMarkPercent, q.Passed, Answers = ParseOrKeep(q.Answers), q.SubmittedAt }) };
    }

    private static object ParseOrKeep(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private async Task<object> QuestionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var questions = await db.Questions.AsNoTracking().Where(q => q.AuthorId == userId).OrderBy(q => q.CreatedAt)
            .Select(q => new { q.Id, q.CourseId, q.LessonId, q.Title, q.BodyMarkdown, q.CreatedAt, HiddenByModerators = q.HiddenAt != null })
            .ToListAsync(cancellationToken);
        // A reply is the user's; the question it answers is someone else's words, so only its id is given.
        var replies = await db.QuestionReplies.AsNoTracking().Where(r => r.AuthorId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Id, r.QuestionId, r.BodyMarkdown, r.CreatedAt, HiddenByModerators = r.HiddenAt != null })
            .ToListAsync(cancellationToken);
        return new { Questions = questions, Replies = replies };
    }

    private async Task<object> CommentsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var lessonComments = await db.LessonComments.AsNoTracking().Where(c => c.AuthorId == userId).OrderBy(c => c.CreatedAt)
            .Select(c => new { c.Id, c.CourseId, c.LessonId, c.ParentId, c.Text, c.CreatedAt, HiddenByModerators = c.HiddenAt != null })
            .ToListAsync(cancellationToken);
        var blogComments = await (from c in db.BlogComments.AsNoTracking()
                                  join p in db.BlogPosts on c.PostId equals p.Id
                                  where c.AuthorId == userId
                                  orderby c.CreatedAt
                                  select new { c.Id, c.PostId, PostTitle = p.Title, c.Text, c.CreatedAt, c.ApprovedAt, HiddenByModerators = c.HiddenAt != null })
            .ToListAsync(cancellationToken);
        return new { LessonComments = lessonComments, BlogComments = blogComments };
    }

    private async Task<object> MessagesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var conversations = await (from c in db.Conversations.AsNoTracking()
                                   where c.FirstUserId == userId || c.SecondUserId == userId
                                   from other in db.Users
                                   where other.Id == (c.FirstUserId == userId ? c.SecondUserId : c.FirstUserId)
                                   orderby c.CreatedAt
                                   select new { c.Id, With = other.DisplayName, c.CreatedAt })
            .ToListAsync(cancellationToken);
        // Only the messages the user sent: what the other side wrote is theirs.
        var sent = await db.ConversationMessages.AsNoTracking().Where(m => m.SenderId == userId).OrderBy(m => m.SentAt)
            .Select(m => new { m.ConversationId, m.Id, m.Text, m.SentAt, Attachments = m.Attachments.Select(a => new { a.FileName, a.ContentType, a.SizeBytes }).ToList() })
            .ToListAsync(cancellationToken);
        return conversations.Select(c => new
        {
            Conversation = c.Id,
            c.With,
            StartedAt = c.CreatedAt,
            MessagesYouSent = sent.Where(m => m.ConversationId == c.Id).Select(m => new { m.Id, m.Text, m.SentAt, m.Attachments }).ToList(),
        }).ToList();
    }

    private async Task<object> NotificationsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserNotifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt)
            .Select(n => new { n.Kind, n.Title, n.Body, n.Url, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);

    private async Task<object> BookingsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var bookings = await (from b in db.LiveBookings.AsNoTracking()
                              where b.StudentId == userId || b.TeacherId == userId
                              from other in db.Users
                              where other.Id == (b.StudentId == userId ? b.TeacherId : b.StudentId)
                              orderby b.StartsAt
                              select new
                              {
                                  b.Id,
                                  YourRole = b.StudentId == userId ? "student" : "teacher",
                                  With = other.DisplayName,
                                  b.StartsAt,
                                  b.EndsAt,
                                  b.Status,
                                  // The request's note is the student's words.
                                  Note = b.StudentId == userId ? b.Note : null,
                                  b.CreatedAt,
                                  b.StartedAt,
                                  b.EndedAt,
                              })
            .ToListAsync(cancellationToken);
        var groupSessions = await (from r in db.GroupSessionRegistrations.AsNoTracking()
                                   join s in db.GroupSessions on r.SessionId equals s.Id
                                   where r.StudentId == userId
                                   orderby s.StartsAt
                                   select new { s.Id, s.Title, s.StartsAt, s.EndsAt, r.RegisteredAt })
            .ToListAsync(cancellationToken);
        return new { Bookings = bookings, GroupSessions = groupSessions };
    }

    private async Task<(byte[] Bytes, string Extension)?> AvatarAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.AvatarBlobName is null)
        {
            return null;
        }
        try
        {
            var download = await blobs.GetBlobContainerClient(AppUser.AvatarContainer).GetBlobClient(user.AvatarBlobName).DownloadContentAsync(cancellationToken);
            var extension = download.Value.Details.ContentType switch
            {
                "image/png" => ".png",
                "image/webp" => ".webp",
                _ => ".jpg",
            };
            return (download.Value.Content.ToArray(), extension);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
