namespace CourseHub.AppHost;

internal static class LocalData
{
    /// <summary>
    /// <c>--reset</c> (or <c>--Reset=true</c>) deletes the local data folder before anything starts, for a fresh start.
    /// Returns the arguments without the flag, for Aspire's configuration.
    /// </summary>
    public static string[] ResetWhenAsked(string[] args)
    {
        var reset = args.Contains("--reset") || args.Contains("--Reset=true", StringComparer.OrdinalIgnoreCase);
        var remaining = args.Where(arg => arg != "--reset").ToArray();
        if (!reset)
        {
            return remaining;
        }
        var configured = remaining.Select(arg => arg.Split('=', 2)).FirstOrDefault(pair => pair[0] == "--DataDirectory" && pair.Length == 2)?[1];
        var folder = Path.GetFullPath(configured ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".coursehub"));
        if (Directory.Exists(folder))
        {
            Console.WriteLine($"--reset: deleting local data in {folder}");
            Directory.Delete(folder, recursive: true);
        }
        return remaining;
    }
}
