using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CourseHub.ServiceDefaults;

public static class RequiredConfigurationExtensions
{
    /// <summary>
    /// Fails start-up with one clear message naming every missing setting, instead of a
    /// null-reference somewhere later. Each service lists its keys in its own
    /// <c>RequiredConfiguration</c> class, which the deployment tests compare with the Bicep template.
    /// </summary>
    public static TBuilder RequireConfiguration<TBuilder>(this TBuilder builder, IEnumerable<string> keys) where TBuilder : IHostApplicationBuilder
    {
        var missing = keys.Where(key => string.IsNullOrWhiteSpace(builder.Configuration[key])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{builder.Environment.ApplicationName} cannot start: missing configuration " +
                string.Join(", ", missing.Select(key => $"'{key}' (environment variable {key.Replace(":", "__")})")) +
                ". Locally the AppHost provides these; in Azure the Bicep template does.");
        }
        return builder;
    }
}
