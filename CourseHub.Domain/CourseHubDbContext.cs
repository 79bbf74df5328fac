using System.Text;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Analytics;
using CourseHub.Domain.Blog;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Chat;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.Community;
using CourseHub.Domain.Learning;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Notifications;
using CourseHub.Domain.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain;

/// <summary>The system of record. Every service shares this model; the Api owns applying its migrations.</summary>
public class CourseHubDbContext(DbContextOptions<CourseHubDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataExport> DataExports => Set<DataExport>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseModule> CourseModules => Set<CourseModule>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<PayoutAccount> PayoutAccounts => Set<PayoutAccount>();
    public DbSet<StripeEvent> StripeEvents => Set<StripeEvent>();
    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<ConversationReadState> ConversationReadStates => Set<ConversationReadState>();
    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewHelpfulVote> ReviewHelpfulVotes => Set<ReviewHelpfulVote>();
    public DbSet<UserNotification> UserNotifications => Set<UserNotification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<UnsubscribeToken> UnsubscribeTokens => Set<UnsubscribeToken>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionReply> QuestionReplies => Set<QuestionReply>();
    public DbSet<QuestionUpvote> QuestionUpvotes => Set<QuestionUpvote>();
    public DbSet<ContentReport> ContentReports => Set<ContentReport>();
    public DbSet<LessonComment> LessonComments => Set<LessonComment>();
    public DbSet<BlogPost> BlogPosts => Set<BlogPost>();
    public DbSet<BlogComment> BlogComments => Set<BlogComment>();
    public DbSet<TeacherAvailability> TeacherAvailabilities => Set<TeacherAvailability>();
    public DbSet<LiveBooking> LiveBookings => Set<LiveBooking>();
    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
    public DbSet<GroupSession> GroupSessions => Set<GroupSession>();
    public DbSet<GroupSessionRegistration> GroupSessionRegistrations => Set<GroupSessionRegistration>();
    public DbSet<GroupSessionReminder> GroupSessionReminders => Set<GroupSessionReminder>();
    public DbSet<LiveAttendance> LiveAttendances => Set<LiveAttendance>();
    public DbSet<Video.LessonVideo> LessonVideos => Set<Video.LessonVideo>();
    public DbSet<Video.CourseWatermark> CourseWatermarks => Set<Video.CourseWatermark>();
    public DbSet<DailyRevenue> DailyRevenue => Set<DailyRevenue>();
    public DbSet<DailyActivity> DailyActivity => Set<DailyActivity>();
    public DbSet<DailyCourseActivity> DailyCourseActivity => Set<DailyCourseActivity>();
    public DbSet<DailyCourseRevenue> DailyCourseRevenue => Set<DailyCourseRevenue>();
    public DbSet<DailyCourseViews> DailyCourseViews => Set<DailyCourseViews>();
    public DbSet<RollupGeneration> RollupGenerations => Set<RollupGeneration>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<IdentityRole<Guid>>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CourseHubDbContext).Assembly);
        UseSnakeCaseColumns(modelBuilder);
    }

    /// <summary>
    /// Every column without an explicit name — ours and ASP.NET Identity's — is the snake_case of its property
    /// (<c>ThumbnailBlobName</c> → <c>thumbnail_blob_name</c>), so entity configurations name none.
    /// </summary>
    /// <remarks>
    /// Deliberately columns only, in the model, instead of EFCore.NamingConventions' <c>UseSnakeCaseNamingConvention()</c>:
    /// that one also renames every primary key, foreign key and index the database already has (<c>PK_courses</c> →
    /// <c>pk_courses</c>) and the columns of <c>__EFMigrationsHistory</c> (<c>"MigrationId"</c> → <c>migration_id</c>),
    /// so an existing database could no longer even read which migrations it has. Being part of the model, this also
    /// holds for every context, however its options were built.
    /// </remarks>
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
