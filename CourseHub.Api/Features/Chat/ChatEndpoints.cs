using CourseHub.Api.Infrastructure;
using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using CourseHub.Domain.Chat;
using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Chat;

/// <summary>
/// Live chat over HTTP: starting a conversation, the conversation list, message history (sending is the Realtime hub's),
/// attachments, and read-only monitoring for admins (every read audited as <c>conversation.viewed</c>).
/// </summary>
public static class ChatEndpoints
{
    public const string ViewedAction = "conversation.viewed";

    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section))
            .Validate(o => o.MaxAttachmentBytes > 0, "Chat:MaxAttachmentBytes must be positive.").ValidateOnStart();
        return services.AddScoped<ChatReader>().AddScoped<ChatAttachmentStore>();
    }

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var maxAttachment = endpoints.ServiceProvider.GetRequiredService<IOptions<ChatOptions>>().Value.MaxAttachmentBytes;
        var chat = endpoints.MapGroup("/api/conversations").WithTags("Chat").RequireAuthorization();
        chat.MapPost("", StartAsync).Refuses(403, 404).WithSummary("Start a conversation")
            .WithDescription("The conversation with another user, created when there is none (201) or the existing one (200). Allowed between a student and a teacher of a course the student is enrolled in, and for admins with anyone: 403 `chat-not-allowed` otherwise.");
        chat.MapGet("", ListAsync).WithSummary("List my conversations")
            .WithDescription("The signed-in user's conversations, most recent activity first, with the other person, the last message and the unread count. `limit` 1–100 (default 50); the next page with `before` (the last item's `activityAt`) and `beforeId` (its `id`).");
        chat.MapGet("/unread", UnreadAsync).WithSummary("Count my unread messages")
            .WithDescription("How many conversations have unread messages (`conversations`) and how many unread messages there are (`messages`).");
        chat.MapGet("/{id:guid}", GetAsync).Refuses(403, 404).WithSummary("Get one of my conversations")
            .WithDescription("As in the list; 403 `not-a-participant` for anyone else.");
        chat.MapGet("/{id:guid}/messages", MessagesAsync).Refuses(403, 404).WithSummary("Read a conversation's messages")
            .WithDescription("Messages in sequence order, paged by sequence: `beforeSequence` pages back from the newest, `afterSequence` catches up after a reconnect; `limit` 1–200, default 50.");
        chat.MapPost("/{id:guid}/attachments", UploadAsync).WithMetadata(new RequestSizeLimitAttribute(maxAttachment + UploadOptions.MultipartAllowance))
            .Refuses(403, 404, 413).WithSummary("Upload a chat attachment")
            .WithDescription("Uploads a file (multipart field 'file': images, PDF, documents, judged by content) to send with a message through `attachmentIds`.");
        chat.MapGet("/{id:guid}/attachments/{attachmentId:guid}", AttachmentAsync).Refuses(403, 404).WithSummary("Get an attachment link")
            .WithDescription("A download link valid for 15 minutes, for the two participants (and monitoring admins, audited).");

        var admin = endpoints.MapGroup("/api/admin/conversations").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", AdminListAsync).WithSummary("List all conversations")
            .WithDescription("Every conversation with its participants, newest activity first, paged; `userId` narrows to one user's.");
        admin.MapGet("/{id:guid}", AdminConversationAsync).Refuses(404).WithSummary("Get a conversation")
            .WithDescription("One conversation with its participants, as in the list (the review page's heading); its messages are read, and audited, through `/messages`.");
        admin.MapGet("/{id:guid}/messages", AdminMessagesAsync).Refuses(404).WithSummary("Review a conversation")
            .WithDescription("A conversation's messages, read-only, paged as for participants. Every read is written to the audit log (`conversation.viewed`).");
        return endpoints;
    }

    private static async Task<Results<Created<ChatConversation>, Ok<ChatConversation>, ValidationProblem>> StartAsync(StartConversationRequest request,
        HttpContext context, CourseHubDbContext db, ChatReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        if (request.UserId is not { } other || other == Guid.Empty)
        {
            return Problems.Field("userId", "Name the user to talk with by their id.");
        }
        if (other == me)
        {
            return Problems.Field("userId", "Choose someone other than yourself.");
        }
        if (!await db.Users.AnyAsync(u => u.Id == other, cancellationToken))
        {
            throw Refusal.NotFound("user-not-found", "User not found", "There is no user with this id.");
        }
        var (first, second) = Conversation.Pair(me, other);
        var existing = await db.Conversations.AsNoTracking().Where(c => c.FirstUserId == first && c.SecondUserId == second)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is { } existingId)
        {
            return TypedResults.Ok((await reader.ListAsync(me, existingId, cancellationToken)).Single());
        }
        if (!await db.MayTalkAsync(me, other, cancellationToken))
        {
            throw Refusal.Forbidden("chat-not-allowed", "You cannot message this user",
                "Students and teachers can message each other once the student is enrolled in one of the teacher's courses; admins can message anyone.");
        }
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Two first messages at once: the unique pair lets one insert win, and both answer the same conversation.
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO conversations (id, first_user_id, second_user_id, created_at, last_sequence)
                VALUES ({id}, {first}, {second}, {now}, 0) ON CONFLICT (first_user_id, second_user_id) DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO conversation_read_states (conversation_id, user_id, last_read_sequence, updated_at)
                    VALUES ({id}, {first}, 0, {now}), ({id}, {second}, 0, {now})
                    """, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            if (inserted == 0)
            {
                var winner = await db.Conversations.AsNoTracking().Where(c => c.FirstUserId == first && c.SecondUserId == second)
                    .Select(c => c.Id).SingleAsync(cancellationToken);
                return TypedResults.Ok((await reader.ListAsync(me, winner, cancellationToken)).Single());
            }
        }
        return TypedResults.Created($"/api/conversations/{id}", (await reader.ListAsync(me, id, cancellationToken)).Single());
    }

    private static async Task<Results<Ok<List<ChatConversation>>, ValidationProblem>> ListAsync(int? limit, DateTimeOffset? before, Guid? beforeId,
        HttpContext context, ChatReader reader, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        if (limit is < 1 or > ChatReader.MaxConversationLimit)
        {
            errors.Add("limit", $"Ask for 1 to {ChatReader.MaxConversationLimit} conversations.");
        }
        if (before.HasValue != beforeId.HasValue)
        {
            errors.Add(before.HasValue ? "beforeId" : "before", "Give both `before` and `beforeId`: the last conversation's `activityAt` and `id`.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var cursor = before is { } at && beforeId is { } id ? (at, id) : ((DateTimeOffset, Guid)?)null;
        return TypedResults.Ok(await reader.ListAsync(context.User.UserId()!.Value, null, cancellationToken, cursor, limit ?? ChatReader.DefaultConversationLimit));
    }

    private static async Task<Ok<ChatUnread>> UnreadAsync(HttpContext context, ChatReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.UnreadAsync(context.User.UserId()!.Value, cancellationToken));

    private static async Task<Ok<ChatConversation>> GetAsync(Guid id, HttpContext context, ChatReader reader, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        await reader.RequireParticipantAsync(me, id, cancellationToken);
        return TypedResults.Ok((await reader.ListAsync(me, id, cancellationToken)).Single());
    }

    private static async Task<Results<Ok<List<ChatMessage>>, ValidationProblem>> MessagesAsync(Guid id, long? beforeSequence, long? afterSequence, int? limit,
        HttpContext context, ChatReader reader, CancellationToken cancellationToken)
    {
        if (PagingProblem(beforeSequence, afterSequence, limit) is { } problem)
        {
            return problem;
        }
        await reader.RequireParticipantAsync(context.User.UserId()!.Value, id, cancellationToken);
        return TypedResults.Ok(await reader.MessagesAsync(id, beforeSequence, afterSequence, limit ?? ChatReader.DefaultLimit, cancellationToken));
    }

    private static async Task<Created<ChatAttachment>> UploadAsync(Guid id, HttpContext context, ChatReader reader, ChatAttachmentStore store,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        // Checked before the body is read, so a request that cannot succeed does not cost a transfer.
        var conversation = await reader.RequireParticipantAsync(me, id, cancellationToken);
        var attachment = await store.UploadAsync(me, conversation, context.Request, cancellationToken);
        return TypedResults.Created($"/api/conversations/{id}/attachments/{attachment.Id}", attachment);
    }

    private static async Task<Ok<ChatAttachmentLink>> AttachmentAsync(Guid id, Guid attachmentId, HttpContext context, ChatReader reader,
        ChatAttachmentStore store, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var conversation = await reader.RequireAsync(id, cancellationToken);
        var monitoring = !conversation.Involves(me);
        if (monitoring && !context.User.IsInRole(Roles.Admin))
        {
            throw Refusal.Forbidden("not-a-participant", "Not your conversation", "Only the two participants can open its attachments.");
        }
        var link = await store.LinkAsync(me, conversation, attachmentId, monitoring, cancellationToken);
        if (monitoring)
        {
            db.Record(clock, context.User, ViewedAction, $"conversation {id}, attachment {attachmentId}");
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(link);
    }

    private static async Task<Ok<PagedResult<AdminConversation>>> AdminListAsync(Guid? userId, int? page, int? pageSize, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var query = db.Conversations.AsNoTracking();
        if (userId is { } user)
        {
            query = query.Where(c => c.FirstUserId == user || c.SecondUserId == user);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await AdminRows(query.OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((number - 1) * size).Take(size), db, cancellationToken);
        return TypedResults.Ok(new PagedResult<AdminConversation>(rows, total, number, size));
    }

    private static async Task<Ok<AdminConversation>> AdminConversationAsync(Guid id, CourseHubDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await AdminRows(db.Conversations.AsNoTracking().Where(c => c.Id == id), db, cancellationToken)).SingleOrDefault()
            ?? throw Refusal.NotFound("conversation-not-found", "Conversation not found", "There is no conversation with this id."));

    private static async Task<List<AdminConversation>> AdminRows(IQueryable<Conversation> conversations, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var rows = await conversations
            .Select(c => new
            {
                c.Id,
                c.LastSequence,
                c.LastMessageAt,
                c.CreatedAt,
                People = db.Users.Where(u => u.Id == c.FirstUserId || u.Id == c.SecondUserId)
                    .Select(u => new AdminChatParticipant(u.Id, u.DisplayName, u.Email ?? "")).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AdminConversation(r.Id, r.People.OrderBy(p => p.DisplayName).ToList(), r.LastSequence, r.LastMessageAt, r.CreatedAt)).ToList();
    }

    private static async Task<Results<Ok<List<ChatMessage>>, ValidationProblem>> AdminMessagesAsync(Guid id, long? beforeSequence, long? afterSequence,
        int? limit, HttpContext context, ChatReader reader, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (PagingProblem(beforeSequence, afterSequence, limit) is { } problem)
        {
            return problem;
        }
        var conversation = await reader.RequireAsync(id, cancellationToken);
        var messages = await reader.MessagesAsync(id, beforeSequence, afterSequence, limit ?? ChatReader.DefaultLimit, cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => u.Id == conversation.FirstUserId || u.Id == conversation.SecondUserId)
            .Select(u => u.Email).ToListAsync(cancellationToken);
        db.Record(clock, context.User, ViewedAction,
            $"conversation {id} between {string.Join(" and ", people)}: {messages.Count} message(s)"
            + (messages.Count > 0 ? $", sequence {messages[0].Sequence}–{messages[^1].Sequence}" : ""));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(messages);
    }

    private static ValidationProblem? PagingProblem(long? beforeSequence, long? afterSequence, int? limit)
    {
        var errors = new Problems.Errors();
        if (limit is < 1 or > ChatReader.MaxLimit)
        {
            errors.Add("limit", $"Ask for 1 to {ChatReader.MaxLimit} messages.");
        }
        if (beforeSequence is < 1)
        {
            errors.Add("beforeSequence", "A sequence number is 1 or more.");
        }
        if (afterSequence is < 0)
        {
            errors.Add("afterSequence", "A sequence number is 0 or more.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }
}
