using System.Security.Cryptography;

namespace CourseHub.AppHost.LocalServers;

/// <summary>Passwords of our local servers, generated on first use and kept beside the data they protect (owner-only file).</summary>
public static class StoredSecrets
{
    /// <summary>Read only when the server is really started, so a model that uses an existing server writes nothing.</summary>
    public static string Password(string passwordFile)
    {
        if (!File.Exists(passwordFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(passwordFile)!);
            File.WriteAllText(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllText(passwordFile).Trim();
    }
}
