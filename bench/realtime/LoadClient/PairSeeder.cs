using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Bench.Realtime;

/// <summary>One student–teacher pair: the student is enrolled in a course of the teacher's, and they share one conversation.</summary>
public sealed record ChatPair(Guid TeacherId, Guid StudentId, Guid ConversationId);

/// <summary>
/// Writes fresh pairs straight into PostgreSQL with binary COPY (users, one course per teacher, enrollments,
/// conversations and both read states): signing up thousands of users through the Api would spend minutes hashing passwords.
/// Each scenario gets its own pairs, so the rows it persisted can be counted by conversation.
/// </summary>
public static class PairSeeder
{
    public static async Task<IReadOnlyList<ChatPair>> SeedAsync(NpgsqlDataSource dataSource, int pairCount, string runTag)
    {
        var pairs = Enumerable.Range(0, pairCount)
            .Select(_ => new ChatPair(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()))
            .ToList();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        int categoryId;
        await using (var command = new NpgsqlCommand("SELECT id FROM categories ORDER BY sort_order LIMIT 1", connection))
        {
            categoryId = (int)(await command.ExecuteScalarAsync()
                ?? throw new InvalidOperationException("No categories: the Api has not applied its migrations."));
        }

        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY users (id, display_name, time_zone, created_at, security_stamp, email_confirmed, phone_number_confirmed,
                        two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (id, name) in pairs.SelectMany((pair, i) => new[] { (pair.TeacherId, $"Bench teacher {runTag}-{i}"), (pair.StudentId, $"Bench student {runTag}-{i}") }))
            {
                // Users without a password (nobody signs in as them: the bench signs their tokens); email confirmed, no 2FA.
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync("UTC", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text);
                foreach (var flag in new[] { true, false, false, true })
                {
                    await writer.WriteAsync(flag, NpgsqlDbType.Boolean);
                }
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }

        var courseIds = pairs.Select(_ => Guid.NewGuid()).ToArray();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY courses (id, title, slug, description, category_id, level, language, price_minor, currency, learning_outcomes,
                          requirements, status, teacher_id, teacher_name, rating_average, rating_count, enrollment_count,
                          created_at, updated_at, published_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(courseIds[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Chat benchmark course {runTag}-{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"bench-chat-{runTag}-{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync("A course that exists so its teacher and student may chat.", NpgsqlDbType.Varchar);
                await writer.WriteAsync(categoryId, NpgsqlDbType.Integer);
                await writer.WriteAsync("All", NpgsqlDbType.Varchar);
                await writer.WriteAsync("en", NpgsqlDbType.Varchar);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
                await writer.WriteAsync("USD", NpgsqlDbType.Char);
                await writer.WriteAsync(new[] { "Chat" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync("Published", NpgsqlDbType.Varchar);
                await writer.WriteAsync(pairs[i].TeacherId, NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Bench teacher {runTag}-{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY enrollments (id, user_id, course_id, enrolled_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(pairs[i].StudentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(courseIds[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY conversations (id, first_user_id, second_user_id, created_at, last_sequence) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var pair in pairs)
            {
                // Stored ordered as PostgreSQL orders uuids (the check constraint): ordinal order of the text form.
                var (first, second) = string.CompareOrdinal(pair.TeacherId.ToString(), pair.StudentId.ToString()) < 0
                    ? (pair.TeacherId, pair.StudentId) : (pair.StudentId, pair.TeacherId);
                await writer.StartRowAsync();
                await writer.WriteAsync(pair.ConversationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(first, NpgsqlDbType.Uuid);
                await writer.WriteAsync(second, NpgsqlDbType.Uuid);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
            }
            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY conversation_read_states (conversation_id, user_id, last_read_sequence, emailed_up_to_sequence, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (conversationId, userId) in pairs.SelectMany(pair => new[] { (pair.ConversationId, pair.TeacherId), (pair.ConversationId, pair.StudentId) }))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(conversationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(userId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE users, courses, enrollments, conversations, conversation_read_states", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        return pairs;
    }

    /// <summary>Messages stored in the pairs' conversations: compared with the sends the hub acknowledged.</summary>
    public static async Task<long> CountMessagesAsync(NpgsqlDataSource dataSource, IReadOnlyList<ChatPair> pairs)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM conversation_messages WHERE conversation_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", pairs.Select(pair => pair.ConversationId).ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
