namespace CourseHub.AppHost;

internal static class LocalData
{
    /// <summary>
    /// <c>--reset</c> is a flag without a value, which .NET's command-line configuration cannot read: it becomes
    /// <c>--Reset=true</c>, and the local servers' settings delete the data folder before anything starts.
    /// </summary>
    public static string[] ResetWhenAsked(string[] args) => args.Select(arg => arg == "--reset" ? "--Reset=true" : arg).ToArray();
}
