using Azure.Storage.Blobs;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Cleanup;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>The Worker's nightly sweep of course media blobs that no row points at, against real PostgreSQL and Azurite.</summary>
[Collection(SystemCollection.Name)]
public sealed class MediaSweepTests(SystemFixture system)
{
    [Fact]
    public async Task Orphaned_media_blobs_older_than_the_minimum_age_are_deleted_referenced_and_younger_ones_are_kept()
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

        // Blobs younger than the minimum age are left alone (an upload commits its blob just before its row points at it).
        // The sweep's clock is set against the time Azurite stamped on the orphan: a second short of the age, then past it.
        var minimumAge = TimeSpan.FromHours(1);
        var created = (await container.GetBlobClient(orphan).GetPropertiesAsync()).Value.CreatedOn;
        var clock = new FakeTimeProvider(created + minimumAge - TimeSpan.FromSeconds(1));
        await SweepAsync(clock, minimumAge);
        Assert.True(await container.GetBlobClient(orphan).ExistsAsync());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await SweepAsync(clock, minimumAge) >= 1);
        Assert.False(await container.GetBlobClient(orphan).ExistsAsync());
        Assert.True(await container.GetBlobClient(used).ExistsAsync());
    }

    private async Task<int> SweepAsync(TimeProvider clock, TimeSpan minimumAge)
    {
        await using var db = system.CreateDbContext();
        var sweep = new MediaSweepJob(db, new BlobServiceClient(system.ConnectionString("blobs")),
            Options.Create(new MediaSweepOptions { MinimumAge = minimumAge }), clock, NullLogger<MediaSweepJob>.Instance);
        return await sweep.SweepAsync(CancellationToken.None);
    }
}
