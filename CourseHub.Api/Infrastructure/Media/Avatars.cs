namespace CourseHub.Api.Infrastructure.Media;

/// <summary>Where avatars live and how they are addressed: one private container, one blob per upload.</summary>
public static class Avatars
{
    public const string Container = CourseHub.Domain.Identity.AppUser.AvatarContainer;

    public static string NewBlobName(Guid userId) => $"{userId}/{Guid.CreateVersion7():N}";

    /// <summary>The avatar's address; the blob name in the query changes with every upload, so caches never show an old one.</summary>
    public static string? Url(Guid userId, string? avatarBlobName) =>
        avatarBlobName is null ? null : $"/api/users/{userId}/avatar?v={Uri.EscapeDataString(Path.GetFileName(avatarBlobName))}";
}
