using System.Text.RegularExpressions;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Admin;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Identity;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Admin;

/// <summary>
/// The catalog's categories, managed by admins: add, edit, reorder (<c>sortOrder</c>) and delete a category no course
/// uses. Each change is audited in the same transaction and shows in the public catalog at once (cache version bump).
/// </summary>
public static partial class AdminCategoryEndpoints
{
    public static IEndpointRouteBuilder MapAdminCategoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/categories").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", ListAsync).WithSummary("List categories with usage").WithDescription("All categories with how many courses use each.");
        admin.MapPost("", CreateAsync).WithSummary("Add a category");
        admin.MapPut("/{id:int}", UpdateAsync).WithSummary("Edit a category").WithDescription("Rename, re-describe or reorder a category (its slug may change too).");
        admin.MapDelete("/{id:int}", DeleteAsync).WithSummary("Delete a category").WithDescription("Delete a category that no course uses (409 otherwise).");
        return endpoints;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    private static async Task<Ok<List<AdminCategory>>> ListAsync(CourseHubDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new AdminCategory(c.Id, c.Slug, c.Name, c.Description, c.SortOrder, db.Courses.Count(course => course.CategoryId == c.Id)))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Created<AdminCategory>, ValidationProblem>> CreateAsync(CategoryRequest request, HttpContext context, CourseHubDbContext db, CatalogVersion catalog,
        CancellationToken cancellationToken)
    {
        var category = new Category { Slug = "", Name = "" };
        if (await ApplyAsync(category, request, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        if (request.SortOrder is null)
        {
            category.SortOrder = (await db.Categories.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0) + 1;
        }
        db.Categories.Add(category);
        Audit(db, context, "category.created", category);
        await db.SaveChangesAsync(cancellationToken);
        await catalog.InvalidateAsync();
        return TypedResults.Created($"/api/admin/categories/{category.Id}", Map(category, 0));
    }

    private static async Task<Results<Ok<AdminCategory>, NotFoundProblem, ValidationProblem>> UpdateAsync(int id, CategoryRequest request, HttpContext context, CourseHubDbContext db, CatalogVersion catalog,
        CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }
        if (await ApplyAsync(category, request, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        Audit(db, context, "category.updated", category);
        await db.SaveChangesAsync(cancellationToken);
        await catalog.InvalidateAsync();
        return TypedResults.Ok(Map(category, await db.Courses.CountAsync(c => c.CategoryId == id, cancellationToken)));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem>> DeleteAsync(int id, HttpContext context, CourseHubDbContext db, CatalogVersion catalog, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }
        var used = await db.Courses.CountAsync(c => c.CategoryId == id, cancellationToken);
        if (used > 0)
        {
            return Problems.Conflict("Category in use", $"{used} course(s) are in “{category.Name}”; move them to another category first.",
                "category-in-use", new Dictionary<string, object?> { ["courseCount"] = used });
        }
        db.Categories.Remove(category);
        Audit(db, context, "category.deleted", category);
        await db.SaveChangesAsync(cancellationToken);
        await catalog.InvalidateAsync();
        return TypedResults.NoContent();
    }

    /// <summary>Validates and copies the request onto the category; a problem result when anything is wrong (nothing applied then).</summary>
    private static async Task<ValidationProblem?> ApplyAsync(Category category, CategoryRequest request, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var name = request.Name?.Trim();
        var slug = string.IsNullOrWhiteSpace(request.Slug) ? Slugs.FromTitle(name ?? "") : request.Slug.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120)
        {
            errors.Add("name", "Enter a name of 1 to 120 characters.");
        }
        if (slug.Length is 0 or > 80 || !SlugPattern().IsMatch(slug))
        {
            errors.Add("slug", "Use 1 to 80 lower-case letters, digits and single hyphens, e.g. web-development.");
        }
        else if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != category.Id, cancellationToken))
        {
            errors.Add("slug", $"Another category already uses “{slug}”.");
        }
        if (request.Description is { Length: > 500 })
        {
            errors.Add("description", "Keep the description under 500 characters.");
        }
        if (request.SortOrder is < 0 or > 10_000)
        {
            errors.Add("sortOrder", "Use a position between 0 and 10,000.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        category.Name = name!;
        category.Slug = slug;
        category.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        category.SortOrder = request.SortOrder ?? category.SortOrder;
        return null;
    }

    private static AdminCategory Map(Category c, int courses) => new(c.Id, c.Slug, c.Name, c.Description, c.SortOrder, courses);

    private static NotFoundProblem NotFound() => Problems.NotFound("Category not found", "No such category.");

    private static void Audit(CourseHubDbContext db, HttpContext context, string action, Category category) =>
        db.Record(context.RequestServices.GetRequiredService<TimeProvider>(), context.User, action, $"category {category.Slug} \"{category.Name}\"");
}
