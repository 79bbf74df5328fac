using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching;

/// <summary>A lesson as the teacher writes it. On edit, a null field keeps its current value (an empty text clears the text).</summary>
public sealed record LessonInput(string? Title, LessonType? Type, int? DurationSeconds, bool? IsFreePreview, string? TextMarkdown);

/// <summary>
/// The curriculum of a course: modules and their lessons, kept numbered 1..n. The course must be editable
/// (Draft or Published — <see cref="CourseAuthoringService.RequireEditable"/>); changes to a published course
/// show in the catalog's outline, so they bump the catalog version.
/// </summary>
public sealed class CurriculumService(CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock)
{
    public async Task<CourseModule> AddModuleAsync(Author author, Guid courseId, string title, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var module = new CourseModule
        {
            CourseId = course.Id,
            Title = CourseAuthoringService.RequireTitle(title),
            Position = course.Modules.Count == 0 ? 1 : course.Modules.Max(m => m.Position) + 1,
        };
        course.Modules.Add(module);
        await SaveAsync(course, cancellationToken);
        return module;
    }

    public async Task<CourseModule> RenameModuleAsync(Author author, Guid courseId, Guid moduleId, string title, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var module = ModuleOf(course, moduleId);
        module.Title = CourseAuthoringService.RequireTitle(title);
        await SaveAsync(course, cancellationToken);
        return module;
    }

    /// <summary>Deletes a module with its lessons; returns the blobs they used, for the caller to delete once saved.</summary>
    public async Task<IReadOnlyList<string>> DeleteModuleAsync(Author author, Guid courseId, Guid moduleId, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var module = ModuleOf(course, moduleId);
        var blobs = module.Lessons.SelectMany(l => l.BlobNames()).ToList();
        course.Modules.Remove(module);
        db.Remove(module);
        Number(course.Modules.OrderBy(m => m.Position), (m, p) => m.Position = p);
        await SaveAsync(course, cancellationToken);
        return blobs;
    }

    public async Task<Lesson> AddLessonAsync(Author author, Guid courseId, Guid moduleId, LessonInput input, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var module = ModuleOf(course, moduleId);
        var lesson = new Lesson { ModuleId = module.Id, Title = "", Position = module.Lessons.Count == 0 ? 1 : module.Lessons.Max(l => l.Position) + 1 };
        Apply(lesson, input with { Title = input.Title ?? "" });
        module.Lessons.Add(lesson);
        await SaveAsync(course, cancellationToken);
        return lesson;
    }

    public async Task<Lesson> UpdateLessonAsync(Author author, Guid courseId, Guid lessonId, LessonInput input, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var (_, lesson) = LessonOf(course, lessonId);
        Apply(lesson, input);
        await SaveAsync(course, cancellationToken);
        return lesson;
    }

    /// <summary>Deletes a lesson (its quiz and resources go with it); returns the blobs it used, for the caller to delete once saved.</summary>
    public async Task<IReadOnlyList<string>> DeleteLessonAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var (module, lesson) = LessonOf(course, lessonId);
        var blobs = lesson.BlobNames().ToList();
        module.Lessons.Remove(lesson);
        db.Remove(lesson);
        Number(module.Lessons.OrderBy(l => l.Position), (l, p) => l.Position = p);
        await SaveAsync(course, cancellationToken);
        return blobs;
    }

    /// <summary>Moves a module to <paramref name="position"/> (1-based, clamped) and renumbers the curriculum 1..n.</summary>
    public async Task MoveModuleAsync(Author author, Guid courseId, Guid moduleId, int position, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var module = ModuleOf(course, moduleId);
        Insert(course.Modules.OrderBy(m => m.Position).Where(m => m != module).ToList(), module, position, (m, p) => m.Position = p);
        await SaveAsync(course, cancellationToken);
    }

    /// <summary>
    /// Moves a lesson to <paramref name="position"/> (1-based, clamped) in <paramref name="targetModuleId"/> — its own
    /// module when null, another module of the same course for a drag across modules — and renumbers both modules.
    /// </summary>
    public async Task MoveLessonAsync(Author author, Guid courseId, Guid lessonId, Guid? targetModuleId, int position, CancellationToken cancellationToken)
    {
        var course = await EditableAsync(author, courseId, cancellationToken);
        var (source, lesson) = LessonOf(course, lessonId);
        var target = targetModuleId is { } id ? ModuleOf(course, id) : source;
        if (target != source)
        {
            source.Lessons.Remove(lesson);
            Number(source.Lessons.OrderBy(l => l.Position), (l, p) => l.Position = p);
            lesson.ModuleId = target.Id;
            target.Lessons.Add(lesson);
        }
        Insert(target.Lessons.OrderBy(l => l.Position).Where(l => l != lesson).ToList(), lesson, position, (l, p) => l.Position = p);
        await SaveAsync(course, cancellationToken);
    }

    private async Task<Course> EditableAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules).ThenInclude(m => m.Lessons).ThenInclude(l => l.Resources)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        CourseAuthoringService.RequireEditable(course);
        return course;
    }

    private static CourseModule ModuleOf(Course course, Guid moduleId) =>
        course.Modules.SingleOrDefault(m => m.Id == moduleId) ?? throw Refusal.NotFound("not-found", "Course not found", "No such module in this course.");

    private static (CourseModule Module, Lesson Lesson) LessonOf(Course course, Guid lessonId) =>
        course.Modules.FirstOrDefault(m => m.Lessons.Any(l => l.Id == lessonId)) is { } module
            ? (module, module.Lessons.Single(l => l.Id == lessonId))
            : throw Refusal.NotFound("not-found", "Course not found", "No such lesson in this course.");

    private static void Apply(Lesson lesson, LessonInput input)
    {
        if (input.DurationSeconds is < 0 or > 24 * 3600)
        {
            throw Refusal.Invalid("durationSeconds", "The duration must be between 0 seconds and 24 hours.");
        }
        if (input.TextMarkdown is { Length: > 100_000 })
        {
            throw Refusal.Invalid("textMarkdown", "Keep the text under 100,000 characters.");
        }
        lesson.Title = input.Title is null ? lesson.Title : CourseAuthoringService.RequireTitle(input.Title);
        lesson.Type = input.Type ?? lesson.Type;
        lesson.DurationSeconds = input.DurationSeconds ?? lesson.DurationSeconds;
        lesson.IsFreePreview = input.IsFreePreview ?? lesson.IsFreePreview;
        if (input.TextMarkdown is not null)
        {
            lesson.TextMarkdown = string.IsNullOrWhiteSpace(input.TextMarkdown) ? null : input.TextMarkdown;
        }
    }

    private static void Insert<T>(List<T> others, T moved, int position, Action<T, int> set)
    {
        others.Insert(Math.Clamp(position, 1, others.Count + 1) - 1, moved);
        Number(others, set);
    }

    private static void Number<T>(IEnumerable<T> ordered, Action<T, int> set)
    {
        var position = 1;
        foreach (var item in ordered.ToList())
        {
            set(item, position++);
        }
    }

    private async Task SaveAsync(Course course, CancellationToken cancellationToken)
    {
        course.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (course.Status == CourseStatus.Published)
        {
            await catalog.InvalidateAsync();
        }
    }
}
