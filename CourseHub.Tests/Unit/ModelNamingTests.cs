using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Unit;

/// <summary>
/// Column names come from the model's snake_case rule, not from one HasColumnName per property; the model must
/// still be exactly what the migrations built, down to the key and index names the database has.
/// </summary>
public sealed class ModelNamingTests
{
    // The model is built without connecting; the connection string is never used.
    private static CourseHubDbContext Context() =>
        new(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql("Host=unused;Database=unused").Options);

    [Fact]
    public void The_model_is_what_the_migrations_built()
    {
        using var db = Context();
        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the last migration's snapshot");
    }

    [Fact]
    public void Columns_are_snake_case_while_keys_and_indexes_keep_the_names_the_database_has()
    {
        using var db = Context();
        var course = db.Model.FindEntityType(typeof(Course))!;
        Assert.Equal("thumbnail_blob_name", course.FindProperty(nameof(Course.ThumbnailBlobName))!.GetColumnName());
        Assert.Equal("PK_courses", course.FindPrimaryKey()!.GetName());
        Assert.Equal("FK_courses_categories_category_id",
            course.GetForeignKeys().Single(key => key.PrincipalEntityType.ClrType == typeof(Category)).GetConstraintName());
        Assert.Equal("IX_courses_slug", course.FindIndex(course.FindProperty(nameof(Course.Slug))!)!.GetDatabaseName());
        Assert.Equal("next_attempt_at", db.Model.FindEntityType(typeof(OutboxMessage))!.FindProperty(nameof(OutboxMessage.NextAttemptAt))!.GetColumnName());

        // ASP.NET Identity's columns follow the same rule; its tables and index names are ours or its own, unchanged.
        var users = db.Model.FindEntityType(typeof(AppUser))!;
        Assert.Equal("users", users.GetTableName());
        Assert.Equal("normalized_email", users.FindProperty(nameof(AppUser.NormalizedEmail))!.GetColumnName());
        Assert.Contains(users.GetIndexes(), index => index.GetDatabaseName() == "EmailIndex");
    }
}
