using Microsoft.Extensions.Configuration;

namespace CourseHub.ServiceDefaults;

internal static class ConnectionStrings
{
    /// <summary>Reads <c>ConnectionStrings:{name}</c> (Aspire's naming) or fails with a message that says how to fix it.</summary>
    public static string GetRequired(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing. Start the system through the AppHost " +
                $"(dotnet run --project CourseHub.AppHost) or set ConnectionStrings__{name}.");
}
