using System.Text.RegularExpressions;
using System.Text;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Catalog search over PostgreSQL: weighted full text (<c>websearch_to_tsquery</c> on the
/// trigger-maintained <c>courses.search_vector</c>), typo correction against the words of all titles
/// (pg_trgm similarity over <c>catalog_words</c>) when full text finds little, filters, sorts and facets — one round trip (a batch of three statements).
/// Every value travels as a parameter; nothing from the request is ever spliced into SQL.
/// </summary>
public sealed partial class CatalogSearch([FromKeyedServices(CatalogSearch.DataSourceKey)] NpgsqlDataSource dataSource)
{
    public const string DataSourceKey = "catalog-search";

    /// <summary>With fewer full-text hits than this, unknown words are corrected to the closest title words and the search is repeated.</summary>
    public const int FuzzyThreshold = 3;
    private const string Config = "'coursehub_search'";

    public async Task<CourseSearchResponse> SearchAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var result = await RunAsync(query, fuzzy: false, cancellationToken);
        if (query.Q is not null && result.Total < FuzzyThreshold)
        {
            // Typo tolerance: replace each unknown word by its closest title word (pg_trgm similarity
            // over the catalog_words dictionary), keeping the web-search syntax, and search again.
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

    /// <summary>The query with unknown words replaced by the closest known title words, or null when nothing changes.</summary>
    private async Task<string?> CorrectAsync(string q, CancellationToken cancellationToken)
    {
        var words = WordPattern().Matches(q).Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length >= 4 && w != "or").Distinct().Take(8).ToArray();
        if (words.Length == 0)
        {
            return null;
        }
        await using var command = dataSource.CreateCommand("""
            SELECT input, (SELECT word FROM catalog_words
                           WHERE word % unaccent(input)
                           ORDER BY similarity(word, unaccent(input)) DESC, word LIMIT 1)
            FROM unnest(@words) AS input
            WHERE NOT EXISTS (SELECT 1 FROM catalog_words WHERE word = unaccent(input))
            """);
        command.Parameters.AddWithValue("words", words);
        var corrections = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(1))
                {
                    corrections[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }
        if (corrections.Count == 0)
        {
            return null;
        }
        return WordPattern().Replace(q, m => corrections.GetValueOrDefault(m.Value.ToLowerInvariant()) ?? m.Value);
    }

    public async Task<IReadOnlyList<CourseSuggestion>> SuggestAsync(string q, int limit, CancellationToken cancellationToken)
    {
        var words = WordPattern().Matches(q).Select(m => m.Value.ToLowerInvariant()).Take(8).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        // Every word must match; the last one as a prefix (the user is still typing it).
        var prefixQuery = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*" : w));
        await using var command = dataSource.CreateCommand($"""
            SELECT slug, title, teacher_name FROM courses
            WHERE status = 'Published' AND search_vector @@ to_tsquery({Config}, @tsq)
            ORDER BY ts_rank(search_vector, to_tsquery({Config}, @tsq), 0) DESC, enrollment_count DESC, id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("tsq", prefixQuery);
        command.Parameters.AddWithValue("limit", limit);
        var suggestions = await ReadSuggestionsAsync(command, cancellationToken);
        if (suggestions.Count > 0)
        {
            return suggestions;
        }
        await using var fuzzy = dataSource.CreateCommand("""
            SELECT slug, title, teacher_name FROM courses
            WHERE status = 'Published' AND @q <% title
            ORDER BY word_similarity(@q, title) DESC, enrollment_count DESC, id
            LIMIT @limit
            """);
        fuzzy.Parameters.AddWithValue("q", string.Join(' ', words));
        fuzzy.Parameters.AddWithValue("limit", limit);
        return await ReadSuggestionsAsync(fuzzy, cancellationToken);
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

    private async Task<CourseSearchResponse> RunAsync(CatalogQuery query, bool fuzzy, CancellationToken cancellationToken)
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
        var cube = new List<(int Category, bool Free, string Level, int Count)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cube.Add((reader.GetInt32(0), reader.GetBoolean(1), reader.GetString(2), reader.GetInt32(3)));
        }
        await reader.NextResultAsync(cancellationToken);
        var categories = new List<(int Id, string Slug, string Name)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        var selectedCategory = query.Category is null ? (int?)null : categories.FirstOrDefault(c => c.Slug == query.Category).Id;
        var level = query.Level?.ToString();
        bool CategoryOk((int Category, bool Free, string Level, int Count) row) => selectedCategory is null || row.Category == selectedCategory;
        bool PriceOk((int Category, bool Free, string Level, int Count) row) => query.Free is null || row.Free == query.Free;
        bool LevelOk((int Category, bool Free, string Level, int Count) row) => level is null || row.Level == level;

        var total = cube.Where(r => CategoryOk(r) && PriceOk(r) && LevelOk(r)).Sum(r => r.Count);
        var categoryCounts = cube.Where(r => PriceOk(r) && LevelOk(r)).GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var categoryFacet = categories.Where(c => categoryCounts.GetValueOrDefault(c.Id) > 0)
            .Select(c => new FacetCount(c.Slug, c.Name, categoryCounts[c.Id])).ToList();
        var priceRows = cube.Where(r => CategoryOk(r) && LevelOk(r)).ToList();
        var price = new PriceFacet(priceRows.Where(r => r.Free).Sum(r => r.Count), priceRows.Where(r => !r.Free).Sum(r => r.Count));
        var levelCounts = cube.Where(r => CategoryOk(r) && PriceOk(r)).GroupBy(r => r.Level).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var levels = Enum.GetValues<CourseLevel>()
            .Select(l => new FacetCount(l.ToString().ToLowerInvariant(), LevelLabel(l), levelCounts.GetValueOrDefault(l.ToString())))
            .ToList();

        return new CourseSearchResponse(items, total, query.Page, query.PageSize, new CatalogFacets(categoryFacet, price, levels), fuzzy);
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
