using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Chat;

/// <summary>
/// A one-to-one conversation. There is exactly one per pair of users: the pair is stored ordered
/// (<see cref="FirstUserId"/> &lt; <see cref="SecondUserId"/> as PostgreSQL orders uuids, see <see cref="Pair"/>) under a unique index.
/// </summary>
public class Conversation
{
    public Guid Id { get; set; }
    public Guid FirstUserId { get; set; }
    public Guid SecondUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The sequence number of the newest message (0 before the first). Incremented in the sending transaction.</summary>
    public long LastSequence { get; set; }
    public DateTimeOffset? LastMessageAt { get; set; }

    public bool Involves(Guid userId) => FirstUserId == userId || SecondUserId == userId;

    public Guid OtherThan(Guid userId) => FirstUserId == userId ? SecondUserId : FirstUserId;

    /// <summary>
    /// The two users in stored order. Ordinal order of the canonical text form is PostgreSQL's uuid order (bytes
    /// compared from the first), which the check constraint holds; <see cref="Guid.CompareTo(Guid)"/> is not.
    /// </summary>
    public static (Guid A, Guid B) Pair(Guid one, Guid other) =>
        string.CompareOrdinal(one.ToString(), other.ToString()) < 0 ? (one, other) : (other, one);
}

/// <summary>One participant's read position in a conversation; both rows are written when the conversation starts.</summary>
public class ConversationReadState
{
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>Every message with a sequence up to this one is read.</summary>
    public long LastReadSequence { get; set; }
    /// <summary>Unread messages up to this sequence were emailed to the participant (the offline digest sends each once).</summary>
    public long EmailedUpToSequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations", table => table.HasCheckConstraint("ck_conversations_ordered_pair", "first_user_id < second_user_id"));
        builder.HasIndex(c => new { c.FirstUserId, c.SecondUserId }).IsUnique();
        builder.HasIndex(c => c.SecondUserId);
        builder.HasIndex(c => c.LastMessageAt);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.FirstUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.SecondUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationReadStateConfiguration : IEntityTypeConfiguration<ConversationReadState>
{
    public void Configure(EntityTypeBuilder<ConversationReadState> builder)
    {
        builder.ToTable("conversation_read_states");
        builder.HasKey(r => new { r.ConversationId, r.UserId });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
