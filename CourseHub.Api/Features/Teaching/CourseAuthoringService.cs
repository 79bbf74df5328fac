using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Seeding;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching;

/// <summary>What a teacher writes about a course (the studio's edit form).</summary>
public sealed record CourseDraftInput(
    string Title,
    string? Subtitle,
    string Description,
    string CategorySlug,
    CourseLevel Level,
    string Language,
    long PriceMinor,
    string Currency,
    IReadOnlyList<string> LearningOutcomes,
    IReadOnlyList<string> Requirements);

/// <summary>A lifecycle rule was broken; <see cref="Code"/> is stable for clients (the route layer maps it to 409/422).</summary>
public sealed class CourseLifecycleException(string code, string message, IReadOnlyDictionary<string, string>? fieldErrors = null)
    : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>For <c>invalid</c>: the message per input field (camelCase names, as in the request body).</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; } = fieldErrors ?? new Dictionary<string, string>();
}

/// <summary>
/// Who is editing: a teacher reaches only own courses (another teacher's course is "not found"), an admin reaches all.
/// </summary>
public sealed record Author(Guid UserId, bool IsAdmin)
{
    public static Author From(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.UserId() ?? throw new InvalidOperationException("An authenticated user is required."), user.IsInRole(Domain.Identity.Roles.Admin));

    /// <summary>The courses this author may open and edit.</summary>
    public IQueryable<Course> Scope(IQueryable<Course> courses) => IsAdmin ? courses : courses.Where(c => c.TeacherId == UserId);
}

/// <summary>A lesson a teacher adds to a module.</summary>
public sealed record LessonInput(string Title, LessonType Type, int DurationSeconds, bool IsFreePreview, string? TextMarkdown);

/// <summary>
/// The course lifecycle, as pure service code (routes with authentication come with accounts):
/// Draft → InReview (submit) → Published (approve) or back to Draft with a reason (reject);
/// Published → Draft (unpublish); any → Removed (with a reason). A teacher edits only own courses,
/// and not while in review or once removed. Every change that a catalog reader could see bumps the
/// catalog version (<see cref="CatalogVersion.InvalidateAsync"/>) after it is saved.
/// </summary>
public sealed class CourseAuthoringService(CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock)
{
    public async Task<Course> CreateDraftAsync(Guid teacherId, string teacherName, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var course = new Course
        {
            Id = Guid.NewGuid(),
            Title = "",
            Slug = "",
            TeacherId = teacherId,
            TeacherName = teacherName,
            Status = CourseStatus.Draft,
            CreatedAt = now,
        };
        await ApplyAsync(course, input, cancellationToken);
        course.Slug = await UniqueSlugAsync(course.Title, cancellationToken);
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return course;
    }

    public async Task<Course> UpdateAsync(Author author, Guid courseId, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var course = await OwnCourseAsync(author, courseId, cancellationToken);
        if (course.Status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw new CourseLifecycleException("not-editable", $"A course that is {course.Status} cannot be edited.");
        }
        await ApplyAsync(course, input, cancellationToken);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
        return course;
    }

    public async Task<CourseModule> AddModuleAsync(Author author, Guid courseId, string title, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules)
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new CourseLifecycleException("not-found", "No such course of yours.");
        RequireEditable(course);
        var name = RequireTitle(title);
        var module = new CourseModule
        {
            CourseId = course.Id,
            Title = name,
            Position = course.Modules.Count == 0 ? 1 : course.Modules.Max(m => m.Position) + 1,
        };
        course.Modules.Add(module);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
        return module;
    }

    public async Task<Lesson> AddLessonAsync(Author author, Guid courseId, Guid moduleId, LessonInput input, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules.Where(m => m.Id == moduleId)).ThenInclude(m => m.Lessons)
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new CourseLifecycleException("not-found", "No such course of yours.");
        var module = course.Modules.SingleOrDefault(m => m.Id == moduleId)
            ?? throw new CourseLifecycleException("not-found", "No such module in this course.");
        RequireEditable(course);
        var name = RequireTitle(input.Title);
        if (input.DurationSeconds < 0)
        {
            throw new CourseLifecycleException("invalid", "durationSeconds: may not be negative.",
                new Dictionary<string, string> { ["durationSeconds"] = "The duration may not be negative." });
        }
        var lesson = new Lesson
        {
            ModuleId = module.Id,
            Title = name,
            Type = input.Type,
            DurationSeconds = input.DurationSeconds,
            IsFreePreview = input.IsFreePreview,
            TextMarkdown = input.TextMarkdown,
            Position = module.Lessons.Count == 0 ? 1 : module.Lessons.Max(l => l.Position) + 1,
        };
        module.Lessons.Add(lesson);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
        return lesson;
    }

    /// <summary>Moves a module to <paramref name="position"/> (1-based, clamped) and renumbers the curriculum 1..n.</summary>
    public async Task MoveModuleAsync(Author author, Guid courseId, Guid moduleId, int position, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules)
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new CourseLifecycleException("not-found", "No such course of yours.");
        var module = course.Modules.SingleOrDefault(m => m.Id == moduleId)
            ?? throw new CourseLifecycleException("not-found", "No such module in this course.");
        RequireEditable(course);
        Renumber(course.Modules, module, position, m => m.Position, (m, p) => m.Position = p);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
    }

    /// <summary>Moves a lesson to <paramref name="position"/> (1-based, clamped) within its module and renumbers 1..n.</summary>
    public async Task MoveLessonAsync(Author author, Guid courseId, Guid moduleId, Guid lessonId, int position, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules.Where(m => m.Id == moduleId)).ThenInclude(m => m.Lessons)
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new CourseLifecycleException("not-found", "No such course of yours.");
        var module = course.Modules.SingleOrDefault(m => m.Id == moduleId)
            ?? throw new CourseLifecycleException("not-found", "No such module in this course.");
        var lesson = module.Lessons.SingleOrDefault(l => l.Id == lessonId)
            ?? throw new CourseLifecycleException("not-found", "No such lesson in this module.");
        RequireEditable(course);
        Renumber(module.Lessons, lesson, position, l => l.Position, (l, p) => l.Position = p);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
    }

    private static void Renumber<T>(List<T> items, T moved, int position, Func<T, int> current, Action<T, int> set)
    {
        var ordered = items.OrderBy(current).Where(item => !ReferenceEquals(item, moved)).ToList();
        ordered.Insert(Math.Clamp(position, 1, ordered.Count + 1) - 1, moved);
        for (var i = 0; i < ordered.Count; i++)
        {
            set(ordered[i], i + 1);
        }
    }

    public async Task<Course> SubmitForReviewAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules).ThenInclude(m => m.Lessons)
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new CourseLifecycleException("not-found", "No such course of yours.");
        Require(course, CourseStatus.Draft, "submit");
        if (string.IsNullOrWhiteSpace(course.Description) || course.Modules.Count == 0 || course.Modules.All(m => m.Lessons.Count == 0))
        {
            throw new CourseLifecycleException("incomplete", "A course needs a description and at least one lesson before review.");
        }
        course.Status = CourseStatus.InReview;
        course.ReviewReason = null;
        await SaveAsync(course, catalogVisible: false, cancellationToken);
        return course;
    }

    public async Task<Course> ApproveAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await FindAsync(courseId, cancellationToken);
        Require(course, CourseStatus.InReview, "approve");
        course.Status = CourseStatus.Published;
        course.ReviewReason = null;
        course.PublishedAt ??= clock.GetUtcNow();
        await SaveAsync(course, catalogVisible: true, cancellationToken);
        return course;
    }

    public async Task<Course> RejectAsync(Guid courseId, string reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var course = await FindAsync(courseId, cancellationToken);
        Require(course, CourseStatus.InReview, "reject");
        course.Status = CourseStatus.Draft;
        course.ReviewReason = why;
        await SaveAsync(course, catalogVisible: false, cancellationToken);
        return course;
    }

    public async Task<Course> UnpublishAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await OwnCourseAsync(author, courseId, cancellationToken);
        Require(course, CourseStatus.Published, "unpublish");
        course.Status = CourseStatus.Draft;
        await SaveAsync(course, catalogVisible: true, cancellationToken);
        return course;
    }

    public async Task<Course> RemoveAsync(Guid courseId, string reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var course = await FindAsync(courseId, cancellationToken);
        if (course.Status == CourseStatus.Removed)
        {
            return course;
        }
        var wasPublished = course.Status == CourseStatus.Published;
        course.Status = CourseStatus.Removed;
        course.ReviewReason = why;
        await SaveAsync(course, wasPublished, cancellationToken);
        return course;
    }

    private async Task SaveAsync(Course course, bool catalogVisible, CancellationToken cancellationToken)
    {
        course.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (catalogVisible)
        {
            await catalog.InvalidateAsync();
        }
    }

    private async Task ApplyAsync(Course course, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 160)
        {
            errors["title"] = "A title of 1 to 160 characters is required.";
        }
        if (input.PriceMinor < 0)
        {
            errors["priceMinor"] = "The price may not be negative.";
        }
        if (input.Currency is not { Length: 3 } || !input.Currency.All(char.IsAsciiLetter))
        {
            errors["currency"] = "Use an ISO 4217 code such as USD.";
        }
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == input.CategorySlug, cancellationToken);
        if (category is null)
        {
            errors["categorySlug"] = "Unknown category.";
        }
        if (errors.Count > 0)
        {
            throw new CourseLifecycleException("invalid", string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), errors);
        }
        course.Title = input.Title.Trim();
        course.Subtitle = string.IsNullOrWhiteSpace(input.Subtitle) ? null : input.Subtitle.Trim();
        course.Description = input.Description;
        course.CategoryId = category!.Id;
        course.Level = input.Level;
        course.Language = input.Language.Trim().ToLowerInvariant();
        course.PriceMinor = input.PriceMinor;
        course.Currency = input.Currency.ToUpperInvariant();
        course.LearningOutcomes = [.. input.LearningOutcomes];
        course.Requirements = [.. input.Requirements];
        course.UpdatedAt = clock.GetUtcNow();
    }

    private async Task<string> UniqueSlugAsync(string title, CancellationToken cancellationToken)
    {
        var baseSlug = DemoCatalog.Slugify(title);
        baseSlug = string.IsNullOrEmpty(baseSlug) ? "course" : baseSlug[..Math.Min(baseSlug.Length, 180)];
        var slug = baseSlug;
        for (var n = 2; await db.Courses.AnyAsync(c => c.Slug == slug, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        return slug;
    }

    private async Task<Course> OwnCourseAsync(Author author, Guid courseId, CancellationToken cancellationToken) =>
        await author.Scope(db.Courses).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
        ?? throw new CourseLifecycleException("not-found", "No such course of yours.");

    private async Task<Course> FindAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
        ?? throw new CourseLifecycleException("not-found", "No such course.");

    private static void Require(Course course, CourseStatus expected, string action)
    {
        if (course.Status != expected)
        {
            throw new CourseLifecycleException("wrong-status", $"Only a {expected} course can {action}; this one is {course.Status}.");
        }
    }

    private static void RequireEditable(Course course)
    {
        if (course.Status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw new CourseLifecycleException("not-editable", $"A course that is {course.Status} cannot be edited.");
        }
    }

    private static string RequireTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200
            ? throw new CourseLifecycleException("invalid", "title: A title of 1 to 200 characters is required.",
                new Dictionary<string, string> { ["title"] = "A title of 1 to 200 characters is required." })
            : title.Trim();

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new CourseLifecycleException("reason-required", "A reason is required.") : reason.Trim();
}
