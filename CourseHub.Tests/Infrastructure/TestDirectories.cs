using System.Diagnostics;

namespace CourseHub.Tests.Infrastructure;

/// <summary>Throw-away data folders. When tests run as root, the servers' own accounts must be able to enter them.</summary>
public static class TestDirectories
{
    public static string Create(string purpose)
    {
        var directory = Directory.CreateTempSubdirectory($"coursehub-{purpose}-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // 755
        return directory;
    }

    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Debug.WriteLine($"Could not delete {directory}: {ex.Message}");
        }
    }
}
