using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Catalog;

/// <summary>A category as search results and facets name it.</summary>
public sealed record CatalogCategory(int Id, string Slug, string Name);

/// <summary>How many matching courses share a category, price kind (free or paid) and level.</summary>
public readonly record struct CubeCell(int Category, bool Free, string Level, int Count);

/// <summary>
/// The total and the three facets of a search, summed from one count cube of the matches without the facet filters
/// (category × free/paid × level), so each facet respects the other filters — for the database's answer and the index's alike.
/// </summary>
public static class CatalogFacetCube
{
    /// <summary>The id of the category the query filters on: null for none, 0 when the slug is unknown (then nothing matches).</summary>
    public static int? SelectedCategory(CatalogQuery query, IReadOnlyList<CatalogCategory> categories) =>
        query.Category is null ? null : categories.FirstOrDefault(c => c.Slug == query.Category)?.Id ?? 0;

    public static (int Total, CatalogFacets Facets) Summarize(IReadOnlyCollection<CubeCell> cube, IReadOnlyList<CatalogCategory> categories, CatalogQuery query)
    {
        var selectedCategory = SelectedCategory(query, categories);
        var level = query.Level?.ToString();
        bool CategoryOk(CubeCell cell) => selectedCategory is null || cell.Category == selectedCategory;
        bool PriceOk(CubeCell cell) => query.Free is null || cell.Free == query.Free;
        bool LevelOk(CubeCell cell) => level is null || cell.Level == level;

        var total = cube.Where(r => CategoryOk(r) && PriceOk(r) && LevelOk(r)).Sum(r => r.Count);
        var categoryCounts = cube.Where(r => PriceOk(r) && LevelOk(r)).GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var categoryFacet = categories.Where(c => categoryCounts.GetValueOrDefault(c.Id) > 0)
            .Select(c => new FacetCount(c.Slug, c.Name, categoryCounts[c.Id])).ToList();
        var priceRows = cube.Where(r => CategoryOk(r) && LevelOk(r)).ToList();
        var price = new PriceFacet(priceRows.Where(r => r.Free).Sum(r => r.Count), priceRows.Where(r => !r.Free).Sum(r => r.Count));
        var levelCounts = cube.Where(r => CategoryOk(r) && PriceOk(r)).GroupBy(r => r.Level).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var levels = Enum.GetValues<CourseLevel>()
            .Select(l => new FacetCount(l.ToString().ToLowerInvariant(), CatalogSearch.LevelLabel(l), levelCounts.GetValueOrDefault(l.ToString())))
            .ToList();
        return (total, new CatalogFacets(categoryFacet, price, levels));
    }
}
