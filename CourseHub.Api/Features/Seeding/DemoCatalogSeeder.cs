using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using CourseHub.Api.Infrastructure;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// Seeds the demo platform's catalog on start-up when <c>Seed:Demo</c> is true (the default in
/// Development): published courses with curricula from several teachers (<see cref="DemoCatalog"/>). Idempotent — ids
/// are derived from slugs — and safe with several replicas (a PostgreSQL advisory lock). Runs after the migration hosted
/// service. Besides adding missing courses it brings demo courses an earlier seed wrote up to the current content (see
/// <see cref="DemoCatalog.ContentRevision"/>), so a developer's existing database shows what a fresh one does; courses a
/// teacher has edited since are left alone. Mending the shape of old rows is a migration's job (see RepairEarlyDemoData).
/// </summary>
public sealed class DemoCatalogSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, ILogger<DemoCatalogSeeder> logger) : IHostedService
{
    private const long SeedLockKey = 0x53_65_65_64_44_65_6D; // "SeedDem"

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Seed:Demo", environment.IsDevelopment());

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled(configuration, environment))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        var seeded = await SeedAsync(db, configuration["Seed:DemoPassword"], cancellationToken);
        var blobs = scope.ServiceProvider.GetRequiredService<BlobServiceClient>();
        await UploadWorkbooksAsync(db, blobs, cancellationToken);
        var thumbnails = await UploadThumbnailsAsync(db, blobs, cancellationToken);
        await DemoPayouts.OnboardAsync(scope.ServiceProvider, logger, cancellationToken);
        if (seeded.Added > 0 || seeded.Updated > 0 || thumbnails > 0)
        {
            await scope.ServiceProvider.GetRequiredService<CatalogVersion>().InvalidateAsync();
        }
        if (seeded.Added > 0)
        {
            logger.LogInformation("Demo catalog seeded: {Count} courses", seeded.Added);
        }
        if (seeded.Updated > 0)
        {
            logger.LogInformation("Brought {Count} demo courses up to the current demo content", seeded.Updated);
        }
        // Who can sign in, every start: the demo accounts exist either way, but sign in only with a demo password.
        if (string.IsNullOrEmpty(configuration["Seed:DemoPassword"]))
        {
            logger.LogInformation("Demo accounts are profiles only: no Seed:DemoPassword is configured");
        }
        else
        {
            var accounts = DemoAccounts.People.Where(p => p.Role != Domain.Identity.Roles.Teacher || p == DemoAccounts.People[0])
                .Select(p => $"{p.Email} ({p.Role.ToLowerInvariant()})");
            logger.LogInformation("Demo accounts sign in with the demo password the AppHost printed: {Accounts}", string.Join(", ", accounts));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Puts each demo course's workbook PDF where its download lesson points. The lesson's size is set once its file is
    /// stored, so later starts find nothing to do without asking blob storage. Without blob storage the demo still
    /// works; the download then fails to open (and is tried again at the next start).
    /// </summary>
    private async Task UploadWorkbooksAsync(CourseHubDbContext db, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var workbooks = await db.Courses
            .SelectMany(c => c.Modules.SelectMany(m => m.Lessons).Where(l => l.DownloadSizeBytes == 0 && l.DownloadBlobName != null && l.DownloadBlobName.EndsWith("/demo-workbook"))
                .Select(l => new { l.Id, l.DownloadBlobName, c.Title }))
            .ToListAsync(cancellationToken);
        try
        {
            var container = blobs.GetBlobContainerClient(Teaching.CourseMediaCleanup.Container);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            foreach (var workbook in workbooks)
            {
                // Overwriting is harmless (same bytes), and covers a replica that stored the file but stopped before the size.
                var pdf = DemoWorkbook.Pdf(workbook.Title);
                await container.GetBlobClient(workbook.DownloadBlobName).UploadAsync(new BinaryData(pdf),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" } }, cancellationToken);
                await db.Lessons.Where(l => l.Id == workbook.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.DownloadSizeBytes, pdf.Length), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning(ex, "The demo workbooks could not be uploaded to blob storage");
        }
    }

    /// <summary>How many demo courses a seed added, and how many it rewrote from an earlier seed's content.</summary>
    public sealed record SeedResult(int Added, int Updated);

    /// <summary>
    /// Gives each demo course without a thumbnail its generated cover (<see cref="DemoThumbnail"/>). The blob name is set
    /// once the image is stored, so later starts find nothing to do; a course a teacher has edited since it was seeded
    /// is left as the teacher left it. Without blob storage the demo still works (and this is tried at the next start).
    /// </summary>
    private async Task<int> UploadThumbnailsAsync(CourseHubDbContext db, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var ids = DemoCatalog.Content.Select(c => DemoCatalog.StableGuid("course:" + c.Slug)).ToList();
        var missing = await db.Courses
            .Where(c => ids.Contains(c.Id) && c.ThumbnailBlobName == null && c.UpdatedAt == DemoCatalog.ContentRevision)
            .Select(c => new { c.Id, c.Slug, Category = c.Category!.Slug })
            .ToListAsync(cancellationToken);
        var stored = 0;
        try
        {
            var container = blobs.GetBlobContainerClient(Teaching.CourseMediaCleanup.Container);
            if (missing.Count > 0)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            foreach (var course in missing)
            {
                // The last segment is the image's version in its public URL; a new drawing gets a new one.
                var blobName = $"courses/{course.Id}/thumbnail/demo-{DemoThumbnail.Version}";
                await container.GetBlobClient(blobName).UploadAsync(new BinaryData(DemoThumbnail.Png(course.Slug, course.Category)),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } }, cancellationToken);
                stored += await db.Courses.Where(c => c.Id == course.Id && c.ThumbnailBlobName == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.ThumbnailBlobName, blobName), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning(ex, "The demo course thumbnails could not be uploaded to blob storage");
        }
        return stored;
    }

    public static async Task<SeedResult> SeedAsync(CourseHubDbContext db, string? demoPassword, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancellationToken);
            await DemoAccounts.EnsureAsync(db, demoPassword, cancellationToken);
            var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
            var demo = DemoCatalog.Courses(categories).ToList();
            var slugs = demo.Select(c => c.Slug).ToList();
            var existing = await db.Courses.Where(c => slugs.Contains(c.Slug))
                .Select(c => new { c.Id, c.Slug, c.UpdatedAt }).ToDictionaryAsync(c => c.Slug, cancellationToken);
            var added = demo.Where(c => !existing.ContainsKey(c.Slug)).ToList();
            // An earlier seed's course: our id (not a teacher's own course of the same title), dated before this content.
            var outdated = demo.Where(c => existing.TryGetValue(c.Slug, out var row) && row.Id == c.Id && row.UpdatedAt < DemoCatalog.ContentRevision)
                .ToList();
            if (added.Count == 0 && outdated.Count == 0)
            {
                return new SeedResult(0, 0);
            }
            // One transaction: a course is never left between its old curriculum and its new one.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (outdated.Count > 0)
            {
                var ids = outdated.Select(c => c.Id).ToList();
                // Lessons, quizzes and resources go with their modules (cascading foreign keys).
                await db.CourseModules.Where(m => ids.Contains(m.CourseId)).ExecuteDeleteAsync(cancellationToken);
                var rows = await db.Courses.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
                foreach (var current in outdated)
                {
                    Rewrite(rows[current.Id], current);
                    db.CourseModules.AddRange(current.Modules);
                }
            }
            db.Courses.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SeedResult(added.Count, outdated.Count);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Everything the demo content says about a course, over an earlier seed's row (its id, slug and media stay).</summary>
    private static void Rewrite(Course row, Course current)
    {
        row.Title = current.Title;
        row.Subtitle = current.Subtitle;
        row.Description = current.Description;
        row.CategoryId = current.CategoryId;
        row.Level = current.Level;
        row.Language = current.Language;
        row.PriceMinor = current.PriceMinor;
        row.Currency = current.Currency;
        row.LearningOutcomes = current.LearningOutcomes;
        row.Requirements = current.Requirements;
        row.Status = current.Status;
        row.ReviewReason = null;
        row.TeacherId = current.TeacherId;
        row.TeacherName = current.TeacherName;
        row.RatingAverage = current.RatingAverage;
        row.RatingCount = current.RatingCount;
        row.EnrollmentCount = current.EnrollmentCount;
        row.CreatedAt = current.CreatedAt;
        row.UpdatedAt = current.UpdatedAt;
        row.PublishedAt = current.PublishedAt;
    }
}
