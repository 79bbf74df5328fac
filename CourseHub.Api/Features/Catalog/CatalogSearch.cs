using System.Text.RegularExpressions;
using System.Text;
using CourseHub.Api.Features.Catalog.SearchIndex;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Catalog search over PostgreSQL: weighted full text (<c>websearch_to_tsquery</c> on the
/// trigger-maintained <c>courses.search_vector</c>), typo correction against the words of all titles
/// (<see cref="WordCorrector"/> over candidates from <c>catalog_words</c>) when full text finds little, filters, sorts and facets — one round trip (a batch of three statements).
/// Every value travels as a parameter; nothing from the request is ever spliced into SQL.
/// </summary>
public sealed partial class CatalogSearch([FromKeyedServices(CatalogSearch.DataSourceKey)] NpgsqlDataSource dataSource, CatalogSearchIndex index)
{
    public const string DataSourceKey = "catalog-search";

    /// <summary>With fewer full-text hits than this, unknown words are corrected to the closest title words and the search is repeated.</summary>
    public const int FuzzyThreshold = 3;
    private const string Config = "'coursehub_search'";

    public async Task<CourseSearchResponse> SearchAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var result = await RunAsync(query, fuzzy: false, cancellationToken);
        if (query.Q is not null && !query.Exact && result.Total < FuzzyThreshold)
        {
            // Typo tolerance: replace each word that finds nothing by its closest title word (edit distance with
            // transpositions, trigram similarity as tie-break: WordCorrector), keeping the web-search syntax, and search again.
            var corrected = await CorrectAsync(query.Q, cancellationToken);
            if (corrected is not null)
            {
                var fuzzy = await RunAsync(query with { Q = corrected }, fuzzy: true, cancellationToken);
                if (fuzzy.Total > result.Total)
                {
                    return fuzzy with { Page = query.Page, CorrectedQuery = corrected };
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The query with misspelt words replaced by the closest vocabulary words, or null when nothing changes. A word is
    /// left alone when some published course matches it (it is a real word of the catalog, even if only in a
    /// description) or when it is a stop word; the others are corrected by <see cref="WordCorrector"/> against the
    /// words of every title (<c>catalog_words</c>, trigger-maintained, so it is never stale).
    /// </summary>
    private async Task<string?> CorrectAsync(string q, CancellationToken cancellationToken)
    {
        var words = WordPattern().Matches(q).Select(m => m.Value.ToLowerInvariant())
            .Where(w => WordCorrector.MaxEdits(w.Length) > 0 && w != "or").Distinct().Take(8).ToArray();
        var corrections = await CorrectWordsAsync(words, lastIsPrefix: false, cancellationToken);
        if (corrections.Count == 0)
        {
            return null;
        }
        return WordPattern().Replace(q, m => corrections.GetValueOrDefault(m.Value.ToLowerInvariant()) ?? m.Value);
    }

    /// <summary>Corrections for the words that find nothing: word → vocabulary word. With <paramref name="lastIsPrefix"/>, the last word is a beginning still being typed.</summary>
    private async Task<Dictionary<string, string>> CorrectWordsAsync(IReadOnlyList<string> words, bool lastIsPrefix, CancellationToken cancellationToken)
    {
        var corrections = new Dictionary<string, string>();
        if (words.Count == 0)
        {
            return corrections;
        }
        var prefix = lastIsPrefix ? words[^1] : null;
        // Candidates: vocabulary words of about the same length or with similar trigrams (for a complete word), or
        // sharing the first letter (for a beginning). The choice among them is WordCorrector's.
        await using var command = dataSource.CreateCommand($"""
            SELECT input, w.word
            FROM (SELECT input, unaccent(input) AS plain, input = @prefix AS is_prefix FROM unnest(@words) AS input) i
            JOIN catalog_words w ON CASE WHEN i.is_prefix
                THEN left(w.word, 1) = left(i.plain, 1) OR w.word % i.plain
                ELSE length(w.word) BETWEEN length(i.plain) - 3 AND length(i.plain) + 3 OR w.word % i.plain END
            WHERE numnode(plainto_tsquery({Config}, i.plain)) > 0
              AND NOT EXISTS (SELECT 1 FROM courses c WHERE c.status = 'Published'
                              AND c.search_vector @@ CASE WHEN i.is_prefix
                                  THEN to_tsquery({Config}, quote_literal(i.plain) || ':*')
                                  ELSE plainto_tsquery({Config}, i.plain) END)
            """);
        command.Parameters.AddWithValue("words", words.Distinct().ToArray());
        command.Parameters.Add(new NpgsqlParameter("prefix", NpgsqlDbType.Text) { Value = (object?)prefix ?? DBNull.Value });
        var candidates = new Dictionary<string, List<string>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var input = reader.GetString(0);
                if (!candidates.TryGetValue(input, out var list))
                {
                    candidates[input] = list = [];
                }
                list.Add(reader.GetString(1));
            }
        }
        foreach (var (input, list) in candidates)
        {
            var best = input == prefix ? WordCorrector.BestPrefix(input, list) : WordCorrector.Best(input, list);
            if (best is not null && best != input)
            {
                corrections[input] = best;
            }
        }
        return corrections;
    }

    /// <summary>
    /// Autocomplete: published courses whose title has a word starting with each typed word (the last one may be
    /// unfinished) — titles that begin with what was typed first, then titles with it as a phrase, then the rest,
    /// each by popularity. When nothing matches, misspelt words are corrected first ("pyhton" → "python").
    /// Only titles count: a word in a description does not make a course a suggestion for it.
    /// </summary>
    public async Task<IReadOnlyList<CourseSuggestion>> SuggestAsync(string q, int limit, CancellationToken cancellationToken)
    {
        var words = WordPattern().Matches(q).Select(m => m.Value.ToLowerInvariant()).Take(8).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var suggestions = await SuggestTitlesAsync(words, limit, cancellationToken);
        if (suggestions.Count > 0)
        {
            return suggestions;
        }
        var corrections = await CorrectWordsAsync(words, lastIsPrefix: true, cancellationToken);
        if (corrections.Count == 0)
        {
            return [];
        }
        return await SuggestTitlesAsync(words.Select(w => corrections.GetValueOrDefault(w) ?? w).ToList(), limit, cancellationToken);
    }

    private async Task<List<CourseSuggestion>> SuggestTitlesAsync(IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        // Words are letters and digits only (WordPattern), so they are safe inside a regular expression; they still
        // travel as parameters. \m is a word start: "sign" matches "Signals" but not "Design".
        // Each word first through an index (the title's trigrams, or the search vector's prefix match, which is
        // accent-insensitive), then exactly on the unaccented title.
        var conditions = string.Join(" AND ", words.Select((_, i) =>
            $"(title ILIKE ('%' || @w{i} || '%') OR search_vector @@ to_tsquery({Config}, quote_literal(unaccent(@w{i})) || ':*')) " +
            $"AND lower(unaccent(title)) ~ ('\\m' || unaccent(@w{i}))"));
        await using var command = dataSource.CreateCommand($"""
            SELECT slug, title, teacher_name FROM courses
            WHERE status = 'Published' AND {conditions}
            ORDER BY CASE WHEN lower(unaccent(title)) ~ ('^' || unaccent(@phrase)) THEN 0
                          WHEN lower(unaccent(title)) ~ ('\m' || unaccent(@phrase)) THEN 1
                          ELSE 2 END,
                     enrollment_count DESC, title, id
            LIMIT @limit
            """);
        for (var i = 0; i < words.Count; i++)
        {
            command.Parameters.AddWithValue($"w{i}", words[i]);
        }
        // The typed words in order, anything but letters and digits between them ("asp net" matches "ASP.NET").
        command.Parameters.AddWithValue("phrase", string.Join("[^[:alnum:]]+", words));
        command.Parameters.AddWithValue("limit", limit);
        return await ReadSuggestionsAsync(command, cancellationToken);
    }

    private static async Task<List<CourseSuggestion>> ReadSuggestionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<CourseSuggestion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new CourseSuggestion(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return list;
    }

    /// <summary>One search without typo correction: from this replica's index when it can answer, else from the database.</summary>
    private async Task<CourseSearchResponse> RunAsync(CatalogQuery query, bool fuzzy, CancellationToken cancellationToken) =>
        await index.TrySearchAsync(query, fuzzy, cancellationToken) ?? await SearchDatabaseAsync(query, fuzzy, cancellationToken);

    /// <summary>The search as the database answers it: the reference the index is held to, and its fallback.</summary>
    public async Task<CourseSearchResponse> SearchDatabaseAsync(CatalogQuery query, bool fuzzy, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();

        var rank = query.Q is null ? "0::real" : $"ts_rank(c.search_vector, websearch_to_tsquery({Config}, @q))";
        var order = query.Sort switch
        {
            CatalogSort.Relevance when query.Q is not null => $"{rank} DESC, c.enrollment_count DESC",
            CatalogSort.Relevance or CatalogSort.Popular => "c.enrollment_count DESC, c.rating_average DESC",
            CatalogSort.Rating => "c.rating_average DESC, c.rating_count DESC",
            CatalogSort.Newest => "c.published_at DESC NULLS LAST",
            CatalogSort.PriceAsc => "c.price_minor ASC",
            CatalogSort.PriceDesc => "c.price_minor DESC",
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        var baseWhere = Where(query);
        // 1. The page of items: every filter applies.
        Add(batch, query, $"""
            SELECT {SummaryColumns}
            FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE {baseWhere}{FacetWhere(query)}
            ORDER BY {order}, c.id
            LIMIT @limit OFFSET @offset
            """);
        // 2. One pass over the matches, without the three facet filters: a cube of at most
        //    categories × 2 × 4 counts, from which the total and every facet (each respecting the
        //    other filters) are summed up here, instead of scanning the matches once per facet.
        Add(batch, query, $"""
            SELECT c.category_id, c.price_minor = 0, c.level, count(*)::int FROM courses c
            WHERE {baseWhere} GROUP BY 1, 2, 3
            """);
        // 3. The categories (a dozen rows) for labels and order.
        Add(batch, query, "SELECT id, slug, name FROM categories ORDER BY sort_order, id");

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = await ReadSummariesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var cube = new List<CubeCell>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cube.Add(new CubeCell(reader.GetInt32(0), reader.GetBoolean(1), reader.GetString(2), reader.GetInt32(3)));
        }
        await reader.NextResultAsync(cancellationToken);
        var categories = new List<CatalogCategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new CatalogCategory(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }
        var (total, facets) = CatalogFacetCube.Summarize(cube, categories, query);
        return new CourseSearchResponse(items, total, query.Page, query.PageSize, facets, fuzzy);
    }

    /// <summary>What <see cref="ReadSummariesAsync"/> reads, over <c>courses c JOIN categories cat</c>.</summary>
    private const string SummaryColumns = """
        c.id, c.slug, c.title, c.subtitle, cat.slug, cat.name, c.level, c.language, c.price_minor, c.currency,
        c.thumbnail_blob_name, c.teacher_id, c.teacher_name, c.rating_average, c.rating_count, c.enrollment_count, c.published_at
        """;

    private static async Task<List<CourseSummary>> ReadSummariesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var items = new List<CourseSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CourseSummary(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                new CategoryRef(reader.GetString(4), reader.GetString(5)),
                reader.GetString(6).ToLowerInvariant(), reader.GetString(7), reader.GetInt64(8), reader.GetString(9).Trim(),
                reader.GetInt64(8) == 0,
                reader.IsDBNull(10) ? null : CourseMediaBlobs.PublicThumbnailUrl(reader.GetGuid(0), reader.GetString(10)),
                reader.GetGuid(11), reader.GetString(12), reader.GetDecimal(13), reader.GetInt32(14), reader.GetInt32(15),
                reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16)));
        }
        return items;
    }

    /// <summary>The home page's catalog: categories with their counts, featured, newest and popular courses — one round trip.</summary>
    public async Task<CatalogHome> HomeAsync(int perRow, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT cat.slug, cat.name, cat.description, count(c.id)::int
            FROM categories cat LEFT JOIN courses c ON c.category_id = cat.id AND c.status = 'Published'
            GROUP BY cat.id ORDER BY cat.sort_order, cat.id
            """));
        // Featured: the best course of each category (most enrolled, best rated, then the longest in the catalog), the
        // largest categories first, so the first row shows the catalog's range instead of one subject's bestsellers. The
        // newest row's courses are left out (they have their own row); in a catalog that small there is no featured row.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT {SummaryColumns} FROM (
                SELECT DISTINCT ON (c.category_id) c.*, count(*) OVER (PARTITION BY c.category_id) AS category_size
                FROM courses c WHERE c.status = 'Published'
                    AND c.id NOT IN (SELECT n.id FROM courses n WHERE n.status = 'Published' ORDER BY n.published_at DESC NULLS LAST, n.id LIMIT @limit)
                ORDER BY c.category_id, c.enrollment_count DESC, c.rating_average DESC, c.published_at NULLS LAST, c.id
            ) c JOIN categories cat ON cat.id = c.category_id
            ORDER BY c.category_size DESC, cat.sort_order, c.id
            LIMIT @limit
            """) { Parameters = { new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = perRow } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT {SummaryColumns} FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE c.status = 'Published'
            ORDER BY c.published_at DESC NULLS LAST, c.id
            LIMIT @limit
            """) { Parameters = { new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = perRow } } });
        // Popular means enrolled in: a course nobody has taken is not shown as popular, however new the catalog.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT {SummaryColumns} FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE c.status = 'Published' AND c.enrollment_count > 0
            ORDER BY c.enrollment_count DESC, c.rating_average DESC, c.id
            LIMIT @limit
            """) { Parameters = { new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = perRow } } });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var categories = new List<CategoryCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new CategoryCount(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
        }
        await reader.NextResultAsync(cancellationToken);
        var featured = await ReadSummariesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var newest = await ReadSummariesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var popular = await ReadSummariesAsync(reader, cancellationToken);
        return new CatalogHome(categories.Sum(c => c.Courses), categories, featured, newest, popular);
    }

    public static string LevelLabel(CourseLevel level) => level == CourseLevel.All ? "All levels" : level.ToString();

    /// <summary>Status, text and the filters that are not facets.</summary>
    private static string Where(CatalogQuery query)
    {
        var where = new StringBuilder("c.status = 'Published'");
        if (query.Q is not null)
        {
            where.Append($" AND c.search_vector @@ websearch_to_tsquery({Config}, @q)");
        }
        if (query.MinRating is not null)
        {
            where.Append(" AND c.rating_average >= @minRating");
        }
        if (query.Language is not null)
        {
            where.Append(" AND c.language = @language");
        }
        if (query.MinPrice is not null)
        {
            where.Append(" AND c.price_minor >= @minPrice");
        }
        if (query.MaxPrice is not null)
        {
            where.Append(" AND c.price_minor <= @maxPrice");
        }
        return where.ToString();
    }

    /// <summary>The three faceted filters (category, free/paid, level).</summary>
    private static string FacetWhere(CatalogQuery query)
    {
        var where = new StringBuilder();
        if (query.Category is not null)
        {
            where.Append(" AND cat.slug = @category");
        }
        if (query.Free is not null)
        {
            where.Append(query.Free.Value ? " AND c.price_minor = 0" : " AND c.price_minor > 0");
        }
        if (query.Level is not null)
        {
            where.Append(" AND c.level = @level");
        }
        return where.ToString();
    }

    private static void Add(NpgsqlBatch batch, CatalogQuery query, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        var parameters = command.Parameters;
        if (query.Q is not null)
        {
            parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = query.Q });
        }
        if (query.Category is not null)
        {
            parameters.Add(new NpgsqlParameter("category", NpgsqlDbType.Text) { Value = query.Category });
        }
        if (query.Level is not null)
        {
            parameters.Add(new NpgsqlParameter("level", NpgsqlDbType.Text) { Value = query.Level.Value.ToString() });
        }
        if (query.MinRating is not null)
        {
            parameters.Add(new NpgsqlParameter("minRating", NpgsqlDbType.Numeric) { Value = query.MinRating.Value });
        }
        if (query.Language is not null)
        {
            parameters.Add(new NpgsqlParameter("language", NpgsqlDbType.Text) { Value = query.Language });
        }
        if (query.MinPrice is not null)
        {
            parameters.Add(new NpgsqlParameter("minPrice", NpgsqlDbType.Bigint) { Value = query.MinPrice.Value });
        }
        if (query.MaxPrice is not null)
        {
            parameters.Add(new NpgsqlParameter("maxPrice", NpgsqlDbType.Bigint) { Value = query.MaxPrice.Value });
        }
        if (sql.Contains("@limit", StringComparison.Ordinal))
        {
            parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.PageSize });
            parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = (query.Page - 1) * query.PageSize });
        }
        batch.BatchCommands.Add(command);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
