using Azure.Storage.Blobs;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Cleanup;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>The Worker's nightly sweep of course media blobs that no row points at, against real PostgreSQL and Azurite.</summary>
[Collection(SystemCollection.Name)]
public sealed class MediaSweepTests(SystemFixture system)
{
    [Fact]
    public async Task Orphaned_media_blobs_are_deleted_referenced_and_recent_ones_are_kept()
    {
        var container = new BlobServiceClient(system.ConnectionString("blobs")).GetBlobContainerClient(CourseMedia.Container);
        await container.CreateIfNotExistsAsync();
        var course = (await system.SaveAsync(Course($"{UniqueWord()} sweep course")))[0];
        var used = $"courses/{course.Id}/thumbnail/{Guid.NewGuid():N}";
        var orphan = $"courses/{course.Id}/lessons/{Guid.NewGuid()}/video/{Guid.NewGuid():N}";
        foreach (var name in new[] { used, orphan })
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData("bytes"));
        }
        await using (var db = system.CreateDbContext())
        {
            var tracked = await db.Courses.FindAsync(course.Id);
            tracked!.ThumbnailBlobName = used;
            await db.SaveChangesAsync();
        }

        // Young blobs are left alone (an upload commits its blob just before its row points at it).
        await using (var db = system.CreateDbContext())
        {
            var cautious = new MediaSweepJob(db, new BlobServiceClient(system.ConnectionString("blobs")),
                Options.Create(new MediaSweepOptions { MinimumAge = TimeSpan.FromHours(1) }), NullLogger<MediaSweepJob>.Instance);
            await cautious.SweepAsync(CancellationToken.None);
        }
        Assert.True(await container.GetBlobClient(orphan).ExistsAsync());

        await using (var db = system.CreateDbContext())
        {
            var sweep = new MediaSweepJob(db, new BlobServiceClient(system.ConnectionString("blobs")),
                Options.Create(new MediaSweepOptions { MinimumAge = TimeSpan.Zero }), NullLogger<MediaSweepJob>.Instance);
            Assert.True(await sweep.SweepAsync(CancellationToken.None) >= 1);
        }
        Assert.False(await container.GetBlobClient(orphan).ExistsAsync());
        Assert.True(await container.GetBlobClient(used).ExistsAsync());
    }
}
