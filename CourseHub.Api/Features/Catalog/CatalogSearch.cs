using System.Text;
using System.Text.RegularExpressions;
using CourseHub.Domain.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Catalog search over PostgreSQL: weighted full text (<c>websearch_to_tsquery</c> on the
/// trigger-maintained <c>courses.search_vector</c>), trigram word similarity on titles when full
/// text finds little, filters, sorts and facets — one round trip (a batch of five statements).
/// Every value travels as a parameter; nothing from the request is ever spliced into SQL.
/// </summary>
public sealed partial class CatalogSearch(NpgsqlDataSource dataSource)
{
    /// <summary>Fewer full-text hits than this (for a query without operators) adds typo-tolerant title matches.</summary>
    public const int FuzzyThreshold = 3;
    private const string Config = "'coursehub_search'";

    private enum Facet { None, Category, Price, Level }

    public async Task<CourseSearchResponse> SearchAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var result = await RunAsync(query, fuzzy: false, cancellationToken);
        if (query.Q is not null && result.Total < FuzzyThreshold && !query.UsesSearchOperators)
        {
            var fuzzy = await RunAsync(query, fuzzy: true, cancellationToken);
            if (fuzzy.Total > result.Total)
            {
                return fuzzy;
            }
        }
        return result;
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

        var rank = query.Q is null ? "0::real"
            : fuzzy ? $"(ts_rank(c.search_vector, websearch_to_tsquery({Config}, @q)) + word_similarity(@q, c.title))"
            : $"ts_rank(c.search_vector, websearch_to_tsquery({Config}, @q))";
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
        Add(batch, query, $"""
            SELECT c.id, c.slug, c.title, c.subtitle, cat.slug, cat.name, c.level, c.language, c.price_minor, c.currency,
                   c.thumbnail_blob_name, c.teacher_id, c.teacher_name, c.rating_average, c.rating_count, c.enrollment_count, c.published_at
            FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE {Where(query, fuzzy, Facet.None)}
            ORDER BY {order}, c.id
            LIMIT @limit OFFSET @offset
            """);
        Add(batch, query, $"SELECT count(*)::int FROM courses c JOIN categories cat ON cat.id = c.category_id WHERE {Where(query, fuzzy, Facet.None)}");
        Add(batch, query, $"""
            SELECT cat.slug, cat.name, count(*)::int FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE {Where(query, fuzzy, Facet.Category)}
            GROUP BY cat.slug, cat.name, cat.sort_order ORDER BY cat.sort_order
            """);
        Add(batch, query, $"""
            SELECT count(*) FILTER (WHERE c.price_minor = 0)::int, count(*) FILTER (WHERE c.price_minor > 0)::int
            FROM courses c JOIN categories cat ON cat.id = c.category_id WHERE {Where(query, fuzzy, Facet.Price)}
            """);
        Add(batch, query, $"""
            SELECT c.level, count(*)::int FROM courses c JOIN categories cat ON cat.id = c.category_id
            WHERE {Where(query, fuzzy, Facet.Level)} GROUP BY c.level
            """);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<CourseSummary>(query.PageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CourseSummary(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                new CategoryRef(reader.GetString(4), reader.GetString(5)),
                reader.GetString(6).ToLowerInvariant(), reader.GetString(7), reader.GetInt64(8), reader.GetString(9).Trim(),
                reader.GetInt64(8) == 0, reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetGuid(11), reader.GetString(12), reader.GetDecimal(13), reader.GetInt32(14), reader.GetInt32(15),
                reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16)));
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt32(0);

        await reader.NextResultAsync(cancellationToken);
        var categories = new List<FacetCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new FacetCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var price = new PriceFacet(reader.GetInt32(0), reader.GetInt32(1));

        await reader.NextResultAsync(cancellationToken);
        var levelCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken))
        {
            levelCounts[reader.GetString(0)] = reader.GetInt32(1);
        }
        var levels = Enum.GetValues<CourseLevel>()
            .Select(level => new FacetCount(level.ToString().ToLowerInvariant(), LevelLabel(level), levelCounts.GetValueOrDefault(level.ToString())))
            .ToList();

        return new CourseSearchResponse(items, total, query.Page, query.PageSize, new CatalogFacets(categories, price, levels), fuzzy);
    }

    public static string LevelLabel(CourseLevel level) => level == CourseLevel.All ? "All levels" : level.ToString();

    private static string Where(CatalogQuery query, bool fuzzy, Facet facet)
    {
        var where = new StringBuilder("c.status = 'Published'");
        if (query.Q is not null)
        {
            where.Append(fuzzy
                ? $" AND (c.search_vector @@ websearch_to_tsquery({Config}, @q) OR @q <% c.title)"
                : $" AND c.search_vector @@ websearch_to_tsquery({Config}, @q)");
        }
        if (query.Category is not null && facet != Facet.Category)
        {
            where.Append(" AND cat.slug = @category");
        }
        if (query.Free is not null && facet != Facet.Price)
        {
            where.Append(query.Free.Value ? " AND c.price_minor = 0" : " AND c.price_minor > 0");
        }
        if (query.Level is not null && facet != Facet.Level)
        {
            where.Append(" AND c.level = @level");
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
