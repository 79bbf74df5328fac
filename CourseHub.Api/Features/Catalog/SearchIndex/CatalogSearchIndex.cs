using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog.SearchIndex;

/// <summary>What an admin sees of a replica's search index.</summary>
public sealed record CatalogIndexStatus(string State, int Courses, int Lexemes, long PostingBytes, DateTimeOffset? BuiltAt, string? LastError);

/// <summary>
/// The catalog search index of this Api replica: every published course in memory with an inverted index of its search
/// vector (read from PostgreSQL, so stemming, weights and accents are the database's own), searched without a database
/// scan. It is exactly current, not eventually: before answering, one indexed statement asks PostgreSQL whether any
/// course changed since the snapshot was read (<see cref="CatalogIndexSql"/>); if so the changes are read and applied
/// first. While the index is being built (at start-up or on an admin's rebuild) or cannot be read, and for query shapes
/// it does not evaluate, <see cref="TrySearchAsync"/> answers null and the caller searches the database: slower, never wrong.
/// </summary>
public sealed class CatalogSearchIndex : IHostedService, IDisposable
{
    /// <summary>Parsed queries kept per replica; websearch parsing depends on the text alone.</summary>
    private const int ParsedQueryLimit = 20_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly bool _enabled;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<string, TextQuery?> _parsed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile CatalogIndexSnapshot? _snapshot;
    private volatile string? _lastError;
    private DateTimeOffset? _builtAt;
    private Task _building = Task.CompletedTask;

    public CatalogSearchIndex([FromKeyedServices(CatalogSearch.DataSourceKey)] NpgsqlDataSource dataSource, IConfiguration configuration,
        ILogger<CatalogSearchIndex> logger)
        : this(dataSource, logger, configuration.GetValue("Catalog:SearchIndex:Enabled", true))
    {
    }

    public CatalogSearchIndex(NpgsqlDataSource dataSource, ILogger logger, bool enabled)
    {
        _dataSource = dataSource;
        _logger = logger;
        _enabled = enabled;
    }

    public bool IsReady => _snapshot is not null;

    public CatalogIndexStatus Status
    {
        get
        {
            var snapshot = _snapshot;
            var state = !_enabled ? "disabled" : snapshot is null ? "building" : "ready";
            return new CatalogIndexStatus(state, snapshot?.LiveCount ?? 0, snapshot?.Postings.Count ?? 0, snapshot?.PostingBytes ?? 0, _builtAt, _lastError);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_enabled)
        {
            _building = Task.Run(() => BuildUntilDoneAsync(_stopping.Token), CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _building.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Drops the index and builds it anew from PostgreSQL; searches use the database meanwhile.</summary>
    public Task RebuildAsync()
    {
        if (!_enabled)
        {
            return Task.CompletedTask;
        }
        _snapshot = null;
        _building = Task.Run(() => BuildUntilDoneAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Builds the index now (tests and start-up); retries until the catalog's tables exist.</summary>
    public async Task BuildUntilDoneAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _refresh.WaitAsync(cancellationToken);
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    _snapshot = await ReadAsync(previous: null, cancellationToken);
                    _builtAt = DateTimeOffset.UtcNow;
                    _lastError = null;
                    _logger.LogInformation("Catalog search index built: {Courses} courses, {Lexemes} lexemes in {Elapsed} ms",
                        _snapshot.LiveCount, _snapshot.Postings.Count, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return;
                }
                finally
                {
                    _refresh.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // Typically the database is not migrated or not reachable yet: the catalog uses the database until then.
                _lastError = ex.Message;
                _logger.LogWarning("Catalog search index not built yet: {Reason}", ex.Message);
                await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>The search answered from the index, exactly as the database would answer it; null when the database must answer.</summary>
    public async Task<CourseSearchResponse?> TrySearchAsync(CatalogQuery query, bool fuzzy, CancellationToken cancellationToken)
    {
        if (_snapshot is null)
        {
            return null;
        }
        try
        {
            TextQuery? text = null;
            if (query.Q is not null && (text = await ParseAsync(query.Q, cancellationToken)) is null)
            {
                return null;
            }
            var current = await CurrentAsync(cancellationToken);
            return current?.Search(query, text, fuzzy);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The index cannot be shown current: the database answers (or says why it cannot).
            _logger.LogWarning("Catalog search index not usable for this search: {Reason}", ex.Message);
            return null;
        }
    }

    private async Task<TextQuery?> ParseAsync(string q, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(q, out var known))
        {
            return known;
        }
        await using var command = _dataSource.CreateCommand($"SELECT websearch_to_tsquery('{CatalogSearchSql.Configuration}', @q)");
        command.Parameters.AddWithValue("q", q);
        var parsed = await command.ExecuteScalarAsync(cancellationToken) is NpgsqlTsQuery tsQuery ? TextQuery.Compile(tsQuery) : null;
        if (_parsed.Count >= ParsedQueryLimit)
        {
            _parsed.Clear();
        }
        _parsed[q] = parsed;
        return parsed;
    }

    /// <summary>The snapshot, or a newer one holding every change committed before this call; null while the index is rebuilt.</summary>
    private async Task<CatalogIndexSnapshot?> CurrentAsync(CancellationToken cancellationToken)
    {
        var arrived = Stopwatch.GetTimestamp();
        if (!await ChangedAsync(arrived).WaitAsync(cancellationToken))
        {
            return _snapshot;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is not { } latest || latest.ReadStarted > arrived)
            {
                return _snapshot;
            }
            return _snapshot = await ReadAsync(latest, cancellationToken);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Whether anything changed since the latest snapshot was read, by a check that started after <paramref name="arrived"/>.
    /// Concurrent searches share checks: one runs at a time, and everyone who arrives while it runs waits for the next
    /// one, which starts when it ends — so a busy replica sends PostgreSQL one small statement per round, not per search.
    /// </summary>
    private Task<bool> ChangedAsync(long arrived)
    {
        lock (_checkGate)
        {
            if (_checkRunning is { IsCompleted: false } running)
            {
                return _checkRunningStarted >= arrived ? running : _checkQueued ??= CheckAfterAsync(running);
            }
            return StartCheck();
        }
    }

    private readonly object _checkGate = new();
    private Task<bool>? _checkRunning;
    private long _checkRunningStarted;
    private Task<bool>? _checkQueued;

    /// <summary>Under <see cref="_checkGate"/>.</summary>
    private Task<bool> StartCheck()
    {
        _checkQueued = null;
        _checkRunningStarted = Stopwatch.GetTimestamp();
        return _checkRunning = CheckAsync(_snapshot);
    }

    private async Task<bool> CheckAfterAsync(Task<bool> running)
    {
        // Off the caller's thread first, so the queued check never starts inside the lock that is queueing it.
        await Task.Yield();
        try
        {
            await running;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The running check's failure is its waiters' concern; this one tries again.
        }
        Task<bool> next;
        lock (_checkGate)
        {
            next = StartCheck();
        }
        return await next;
    }

    private async Task<bool> CheckAsync(CatalogIndexSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return true;
        }
        await using var check = _dataSource.CreateCommand($"""
            SELECT EXISTS (SELECT 1 FROM courses WHERE index_xid >= @watermark AND index_xid <> ALL(@seen))
                OR EXISTS (SELECT 1 FROM catalog_removed_courses WHERE xid >= @watermark AND xid <> ALL(@seen)),
                ({CategoriesSignatureSql})
            """);
        AddFeedParameters(check.Parameters, snapshot);
        await using var reader = await check.ExecuteReaderAsync(CancellationToken.None);
        await reader.ReadAsync(CancellationToken.None);
        return reader.GetBoolean(0) || reader.GetString(1) != snapshot.CategoriesSignature;
    }

    private const string CategoriesSignatureSql =
        "SELECT md5(coalesce(string_agg(id || '/' || slug || '/' || name, '|' ORDER BY sort_order, id), '')) FROM categories";

    private const string CourseColumns = """
        id, slug, title, subtitle, category_id, level, language, price_minor, currency, thumbnail_blob_name,
        teacher_id, teacher_name, rating_average, rating_count, enrollment_count, published_at, status = 'Published', search_vector, index_xid
        """;

    /// <summary>Everything (no previous snapshot) or the changes since <paramref name="previous"/>, from one database snapshot.</summary>
    private async Task<CatalogIndexSnapshot> ReadAsync(CatalogIndexSnapshot? previous, CancellationToken cancellationToken)
    {
        var readStarted = Stopwatch.GetTimestamp();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Repeatable read: the watermark, the changed rows and the categories all come from the same snapshot.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_snapshot_xmin(pg_current_snapshot()), ({CategoriesSignatureSql})"));
        if (previous is null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT {CourseColumns} FROM courses WHERE status = 'Published' ORDER BY id"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT course_id, xid FROM catalog_removed_courses WHERE false"));
        }
        else
        {
            var courses = new NpgsqlBatchCommand($"SELECT {CourseColumns} FROM courses WHERE index_xid >= @watermark AND index_xid <> ALL(@seen)");
            var removed = new NpgsqlBatchCommand("SELECT course_id, xid FROM catalog_removed_courses WHERE xid >= @watermark AND xid <> ALL(@seen)");
            AddFeedParameters(courses.Parameters, previous);
            AddFeedParameters(removed.Parameters, previous);
            batch.BatchCommands.Add(courses);
            batch.BatchCommands.Add(removed);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, slug, name FROM categories ORDER BY sort_order, id"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var watermark = reader.GetFieldValue<ulong>(0);
        var signature = reader.GetString(1);
        var seen = new HashSet<ulong>(previous?.Seen.Where(xid => xid >= watermark) ?? []);

        await reader.NextResultAsync(cancellationToken);
        var changes = new List<ChangedCourse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new ChangedCourse(ReadCourse(reader), reader.GetBoolean(16), reader.GetFieldValue<NpgsqlTsVector>(17)));
            if (reader.GetFieldValue<ulong>(18) is var xid && xid >= watermark)
            {
                seen.Add(xid);
            }
        }
        await reader.NextResultAsync(cancellationToken);
        var gone = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gone.Add(reader.GetGuid(0));
            if (reader.GetFieldValue<ulong>(1) is var xid && xid >= watermark)
            {
                seen.Add(xid);
            }
        }
        await reader.NextResultAsync(cancellationToken);
        var categories = new List<CatalogCategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new CatalogCategory(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);

        var position = new FeedPosition(categories, signature, watermark, [.. seen], readStarted);
        return previous is null
            ? CatalogIndexBuilder.Full(changes.Where(c => c.Published).ToList(), position)
            : CatalogIndexBuilder.Apply(previous, changes, gone, position);
    }

    private static void AddFeedParameters(NpgsqlParameterCollection parameters, CatalogIndexSnapshot snapshot)
    {
        parameters.Add(new NpgsqlParameter("watermark", NpgsqlDbType.Xid8) { Value = snapshot.Watermark });
        parameters.Add(new NpgsqlParameter("seen", NpgsqlDbType.Array | NpgsqlDbType.Xid8) { Value = snapshot.Seen });
    }

    private static IndexedCourse ReadCourse(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Slug = reader.GetString(1),
        Title = reader.GetString(2),
        Subtitle = reader.IsDBNull(3) ? null : reader.GetString(3),
        CategoryId = reader.GetInt32(4),
        Level = reader.GetString(5),
        Language = reader.GetString(6),
        PriceMinor = reader.GetInt64(7),
        Currency = reader.GetString(8).Trim(),
        ThumbnailBlobName = reader.IsDBNull(9) ? null : reader.GetString(9),
        TeacherId = reader.GetGuid(10),
        TeacherName = reader.GetString(11),
        RatingAverage = reader.GetDecimal(12),
        RatingCount = reader.GetInt32(13),
        EnrollmentCount = reader.GetInt32(14),
        PublishedAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
    };

    public void Dispose()
    {
        _stopping.Dispose();
        _refresh.Dispose();
    }
}
