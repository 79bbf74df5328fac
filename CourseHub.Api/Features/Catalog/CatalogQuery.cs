using System.Globalization;
using System.Text;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Catalog;

public enum CatalogSort
{
    Relevance,
    Popular,
    Rating,
    Newest,
    PriceAsc,
    PriceDesc,
}

/// <summary>A validated catalog query. Built only through <see cref="TryParse"/>, which names every bad field.</summary>
public sealed record CatalogQuery(
    string? Q,
    string? Category,
    bool? Free,
    decimal? MinRating,
    CourseLevel? Level,
    string? Language,
    long? MinPrice,
    long? MaxPrice,
    CatalogSort Sort,
    int Page,
    int PageSize)
{
    public const int MaxQueryLength = 200;
    public const int DefaultPageSize = 20;
    /// <summary>Hard maximum: a larger pageSize is rejected with 400 (not clamped), so clients notice.</summary>
    public const int MaxPageSize = 50;
    /// <summary>Deep paging is bounded too: page × pageSize may not exceed this.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>exact=true: search the words as typed, without correcting misspellings ("search instead for …").</summary>
    public bool Exact { get; init; }

    public static readonly IReadOnlyDictionary<string, CatalogSort> Sorts = new Dictionary<string, CatalogSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = CatalogSort.Relevance,
        ["popular"] = CatalogSort.Popular,
        ["rating"] = CatalogSort.Rating,
        ["newest"] = CatalogSort.Newest,
        ["price_asc"] = CatalogSort.PriceAsc,
        ["price_desc"] = CatalogSort.PriceDesc,
    };

    public static bool TryParse(IQueryCollection query, out CatalogQuery result, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var q = Normalize(query["q"]);
        if (q is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"The search text may be at most {MaxQueryLength} characters."];
        }
        if (q is not null && q.Any(char.IsControl))
        {
            errors["q"] = ["The search text may not contain control characters."];
        }

        var category = Normalize(query["category"]);
        if (category is not null && (category.Length > 80 || !category.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors["category"] = ["Unknown category: use the slug of a category from /api/categories."];
        }

        bool? free = null;
        switch (Normalize(query["price"])?.ToLowerInvariant())
        {
            case null: break;
            case "free": free = true; break;
            case "paid": free = false; break;
            default: errors["price"] = ["Use 'free' or 'paid'."]; break;
        }

        decimal? minRating = null;
        if (Normalize(query["minRating"]) is { } ratingText)
        {
            if (decimal.TryParse(ratingText, NumberStyles.Number, CultureInfo.InvariantCulture, out var rating) && rating is >= 0 and <= 5)
            {
                minRating = rating;
            }
            else
            {
                errors["minRating"] = ["Use a number from 0 to 5."];
            }
        }

        CourseLevel? level = null;
        if (Normalize(query["level"]) is { } levelText)
        {
            if (Enum.TryParse<CourseLevel>(levelText, ignoreCase: true, out var parsed) && !int.TryParse(levelText, out _))
            {
                level = parsed;
            }
            else
            {
                errors["level"] = ["Use beginner, intermediate, advanced or all."];
            }
        }

        var language = Normalize(query["language"])?.ToLowerInvariant();
        if (language is not null && (language.Length is < 2 or > 10 || !language.All(c => char.IsAsciiLetter(c) || c == '-')))
        {
            errors["language"] = ["Use a language code such as 'en'."];
        }

        var minPrice = ParseMoney(query, "minPrice", errors);
        var maxPrice = ParseMoney(query, "maxPrice", errors);
        if (minPrice is not null && maxPrice is not null && minPrice > maxPrice)
        {
            errors["maxPrice"] = ["maxPrice must not be below minPrice."];
        }

        var sort = string.IsNullOrEmpty(q) ? CatalogSort.Popular : CatalogSort.Relevance;
        if (Normalize(query["sort"]) is { } sortText)
        {
            if (Sorts.TryGetValue(sortText, out var parsedSort))
            {
                sort = parsedSort;
            }
            else
            {
                errors["sort"] = ["Use relevance, popular, rating, newest, price_asc or price_desc."];
            }
        }

        var page = ParseInt(query, "page", 1, 1, int.MaxValue, "page must be a whole number from 1.", errors);
        var pageSize = ParseInt(query, "pageSize", DefaultPageSize, 1, MaxPageSize, $"pageSize must be a whole number from 1 to {MaxPageSize}.", errors);
        if (!errors.ContainsKey("page") && !errors.ContainsKey("pageSize") && (long)page * pageSize > MaxOffset + pageSize)
        {
            errors["page"] = [$"Paging goes at most {MaxOffset} results deep; narrow the search instead."];
        }

        var exact = false;
        switch (Normalize(query["exact"])?.ToLowerInvariant())
        {
            case null or "false": break;
            case "true": exact = true; break;
            default: errors["exact"] = ["Use 'true' or 'false'."]; break;
        }

        result = new CatalogQuery(q, category?.ToLowerInvariant(), free, minRating, level, language, minPrice, maxPrice, sort, page, pageSize) { Exact = exact };
        return errors.Count == 0;
    }

    /// <summary>A canonical text form of the query: the cache key part.</summary>
    public string CacheKey()
    {
        var key = new StringBuilder("search");
        key.Append("|q=").Append(Q).Append("|c=").Append(Category).Append("|f=").Append(Free)
            .Append("|r=").Append(MinRating?.ToString(CultureInfo.InvariantCulture)).Append("|l=").Append(Level)
            .Append("|lang=").Append(Language).Append("|p=").Append(MinPrice).Append('-').Append(MaxPrice)
            .Append("|s=").Append(Sort).Append("|pg=").Append(Page).Append('x').Append(PageSize).Append("|x=").Append(Exact);
        return key.ToString();
    }

    internal static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static long? ParseMoney(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Normalize(query[name]) is not { } text)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100_000_000)
        {
            return value;
        }
        errors[name] = [$"{name} must be a whole, non-negative amount in minor units (cents)."];
        return null;
    }

    private static int ParseInt(IQueryCollection query, string name, int fallback, int min, int max, string message, Dictionary<string, string[]> errors)
    {
        if (Normalize(query[name]) is not { } text)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [message];
        return fallback;
    }
}
