using System.Text.Json;
using System.Text;
using CourseHub.Api.Features.Catalog.SearchIndex;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Catalog;

/// <summary>The public catalog: categories, search with filters and facets, autocomplete and course pages.</summary>
public static class CatalogEndpoints
{
    public const int SuggestionLimit = 8;

    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogVersion>();
        services.AddSingleton<CatalogCache>();
        // Search has its own pool with automatic statement preparation: the handful of catalog SQL
        // shapes are parsed and planned once per connection instead of on every request.
        services.AddKeyedSingleton(CatalogSearch.DataSourceKey, (provider, _) =>
            NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(provider.GetRequiredService<IConfiguration>().GetConnectionString("coursehub"))
            {
                MaxAutoPrepare = 64,
                AutoPrepareMinUsages = 2,
            }));
        services.AddSingleton<CatalogSearchIndex>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogSearchIndex>());
        services.AddSingleton<CatalogSearch>();
        services.AddScoped<CourseDetailsReader>();
        services.AddScoped<LessonPreviewReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").WithTags("Catalog");
        group.MapGet("/categories", GetCategoriesAsync)
            .WithName("GetCategories")
            .WithSummary("List categories").WithDescription("All categories, in display order.")
            // The body is cached JSON text; this names its shape for the OpenAPI document.
            .Produces<CategoryResponse[]>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/catalog/home", GetHomeAsync)
            .WithName("GetCatalogHome")
            .WithSummary("Read the home page catalog").WithDescription("The home page's catalog: categories with course counts, featured, newest and popular courses.")
            .Produces<CatalogHome>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/courses", SearchAsync)
            .WithName("SearchCourses")
            .WithSummary("Search the catalog").WithDescription("Search published courses: q (web-search syntax), category, price=free|paid, minRating, level, language, minPrice, maxPrice (minor units), sort, page, pageSize (max 50).")
            .Produces<CourseSearchResponse>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/courses/suggest", SuggestAsync)
            .WithName("SuggestCourses")
            .WithSummary("Suggest course titles").WithDescription("Autocomplete: up to 8 published course titles for what the user has typed so far.")
            .Produces<CourseSuggestion[]>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/courses/{slug}", GetCourseAsync)
            .WithName("GetCourse")
            .WithSummary("Read a course page").WithDescription("A published course's page: description, outline, teacher, rating — never paid lesson content.")
            .Produces<CourseDetails>(StatusCodes.Status200OK, "application/json");
        group.MapPost("/courses/{slug}/views", RecordViewAsync)
            .WithName("RecordCourseView")
            .WithSummary("Count a course page view")
            .WithDescription("The Web calls this once per course landing page shown in a browser; the view is counted in Redis (no database write on the way) and feeds the dashboard's page-view-to-purchase conversion. A course that is not published is a 404.");
        group.MapGet("/courses/{slug}/preview/{lessonId:guid}", GetPreviewLessonAsync)
            .WithName("GetPreviewLesson")
            .WithSummary("Preview lesson")
            .WithDescription("A free-preview lesson of a published course, for anyone: text, video and files with short-lived read URLs. Any other lesson is 404.");

        // Per replica: each Api process keeps its own index, so these answer for the replica that receives them.
        var admin = endpoints.MapGroup("/api/admin/catalog/search-index").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", (CatalogSearchIndex index) => TypedResults.Ok(index.Status))
            .WithName("GetCatalogSearchIndex")
            .WithSummary("Read this replica's search index")
            .WithDescription("State (building, ready, disabled), courses and lexemes held, posting memory and when it was built, for the Api replica answering.");
        admin.MapPost("/rebuild", async (CatalogSearchIndex index) =>
            {
                await index.RebuildAsync();
                return TypedResults.Accepted("/api/admin/catalog/search-index", index.Status);
            })
            .WithName("RebuildCatalogSearchIndex")
            .WithSummary("Rebuild this replica's search index")
            .WithDescription("Drops the answering replica's index and builds it again from PostgreSQL; meanwhile its searches read the database (slower, same answers).");
        return endpoints;
    }

    private static async Task<ContentHttpResult> GetCategoriesAsync(CatalogCache cache, CourseHubDbContext db, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await cache.GetOrCreateAsync("categories", async ct =>
        {
            var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
                .Select(c => new CategoryResponse(c.Slug, c.Name, c.Description)).ToListAsync(ct);
            return JsonSerializer.Serialize(categories, json.Value.SerializerOptions);
        }, cancellationToken);
        return Json(body);
    }

    /// <summary>How many courses each row of the home page shows.</summary>
    public const int HomeRowSize = 8;

    private static async Task<ContentHttpResult> GetHomeAsync(CatalogCache cache, CatalogSearch search, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await cache.GetOrCreateAsync("home", async ct =>
            JsonSerializer.Serialize(await search.HomeAsync(HomeRowSize, ct), json.Value.SerializerOptions), cancellationToken);
        return Json(body);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> SearchAsync(HttpRequest request, CatalogCache cache, CatalogSearch search, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!CatalogQuery.TryParse(request.Query, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Cached as the serialized JSON (in this replica only): a hit costs a dictionary look-up and a write, no serialization.
        var body = await cache.GetOrCreateLocalAsync(query.CacheKey(), async ct =>
            JsonSerializer.Serialize(await search.SearchAsync(query, ct), json.Value.SerializerOptions), cancellationToken);
        return Json(body);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> SuggestAsync(string? q, CatalogCache cache, CatalogSearch search, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var text = CatalogQuery.Normalize(q);
        if (text is { Length: > CatalogQuery.MaxQueryLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"The search text may be at most {CatalogQuery.MaxQueryLength} characters."] });
        }
        if (text is null)
        {
            return Json("[]");
        }
        var body = await cache.GetOrCreateAsync($"suggest|{text.ToLowerInvariant()}", async ct =>
            JsonSerializer.Serialize(await search.SuggestAsync(text, SuggestionLimit, ct), json.Value.SerializerOptions), cancellationToken);
        return Json(body);
    }

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> GetCourseAsync(
        string slug, CatalogCache cache, IServiceScopeFactory scopes, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await CourseBodyAsync(slug, cache, scopes, json, cancellationToken);
        return body.Length == 0 ? CourseNotFound() : TypedResults.Text(body, "application/json", Encoding.UTF8);
    }

    /// <summary>A published course's page as cached JSON, or "" when there is none.</summary>
    private static async Task<string> CourseBodyAsync(string slug, CatalogCache cache, IServiceScopeFactory scopes, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (slug.Length > 200)
        {
            return "";
        }
        return await cache.GetOrCreateAsync($"course|{slug}", async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var details = await scope.ServiceProvider.GetRequiredService<CourseDetailsReader>().ReadAsync(slug, ct);
            return details is null ? "" : JsonSerializer.Serialize(details, json.Value.SerializerOptions);
        }, cancellationToken);
    }

    private sealed record CourseKey(Guid Id);

    /// <summary>
    /// Counts one view of a published course's page: the course comes from the same cache as the page (no database read once
    /// it is warm) and the count is one fire-and-forget HINCRBY (the answer does not wait for Redis); the Worker's roll-up
    /// job adds the counts to the daily table. While Redis is down views are not counted (the page is unaffected).
    /// </summary>
    private static async Task<Results<NoContent, NotFoundProblem>> RecordViewAsync(string slug, CatalogCache cache, IServiceScopeFactory scopes,
        IOptions<JsonOptions> json, IConnectionMultiplexer redis, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var body = await CourseBodyAsync(slug, cache, scopes, json, cancellationToken);
        if (body.Length == 0 || JsonSerializer.Deserialize<CourseKey>(body, json.Value.SerializerOptions) is not { } course)
        {
            return CourseNotFound();
        }
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        try
        {
            redis.GetDatabase().HashIncrement(CourseViewCounts.PendingKey, CourseViewCounts.Field(day, course.Id), 1, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            loggers.CreateLogger("CourseHub.Catalog").LogWarning("A course page view was not counted: {Reason}", ex.Message);
        }
        return TypedResults.NoContent();
    }

    // Not cached: the answer carries read URLs that expire, and a preview is a rare, cheap read by primary key.
    private static async Task<Results<Ok<PreviewLesson>, NotFoundProblem>> GetPreviewLessonAsync(
        string slug, Guid lessonId, LessonPreviewReader reader, CancellationToken cancellationToken)
    {
        var lesson = slug.Length > 200 ? null : await reader.ReadAsync(slug, lessonId, cancellationToken);
        return lesson is null
            ? Problems.NotFound("Preview not found", "This lesson is not a free preview of a published course.")
            : TypedResults.Ok(lesson);
    }

    private static NotFoundProblem CourseNotFound() => Problems.NotFound("Course not found", "There is no published course at this address.");

    private static ContentHttpResult Json(string body) => TypedResults.Text(body, "application/json", Encoding.UTF8);
}
