using System.Security.Cryptography;
using CourseHub.AppHost.LocalServers;

namespace CourseHub.AppHost;

internal static class ProjectSettings
{
    /// <summary>
    /// Our projects serve plain http locally (Container Apps terminates TLS in the cloud), so they need no development
    /// certificate. Without this, Aspire looks for a trusted one on every start and, on a fresh machine, shows a red
    /// "no trusted development certificate" error on the dashboard. (The API is marked experimental in Aspire 13.6.)
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlainHttp(this IResourceBuilder<ProjectResource> project)
    {
#pragma warning disable ASPIRECERTIFICATES001
        return project.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
    }

    /// <summary>
    /// Settings handed to a project only when they are set (user secrets, appsettings, environment or the command line):
    /// the first admin account, a fixed token-signing key, rate limits, upload limits, the demo seed switch.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSettingsWhenConfigured(this IResourceBuilder<ProjectResource> project, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (project.ApplicationBuilder.Configuration[key] is not { Length: > 0 } value)
            {
                continue;
            }
            if (IsSecret(key))
            {
                // A secret parameter: the dashboard masks it wherever it shows it, and a deployment asks for it.
                var name = key.Replace(':', '-').ToLowerInvariant();
                var parameter = project.ApplicationBuilder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
                    ? project.ApplicationBuilder.CreateResourceBuilder(existing)
                    : project.ApplicationBuilder.AddParameter(name, value, secret: true);
                project.WithEnvironment(key.Replace(":", "__"), parameter);
            }
            else
            {
                project.WithEnvironment(key.Replace(":", "__"), value);
            }
        }
        return project;
    }

    private static bool IsSecret(string key) =>
        key.Contains("Password", StringComparison.OrdinalIgnoreCase) || key.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("Key", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The one password of the demo accounts (teachers, students and an admin at <c>@coursehub.test</c>): <c>Seed:DemoPassword</c>
    /// when configured, otherwise generated once per data folder and kept there, so nothing is hard-coded and F5 still gives a
    /// developer accounts to sign in with. Printed at start.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoAccounts(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        // Read (and printed) only when the Api is really started, so building the model writes nothing.
        var password = new Lazy<string>(() =>
        {
            var value = builder.Configuration["Seed:DemoPassword"] is { Length: > 0 } configured
                ? configured
                : Stored(LocalServerSettings.For(builder).DataDirectory);
            Console.WriteLine("Demo accounts (when the demo seed is on): ada.okafor@coursehub.test (teacher), sam.carter@coursehub.test (student), " +
                              $"demo.admin@coursehub.test (admin) — password {value}");
            return value;
        });
        var parameter = builder.AddParameter("demo-password", () => password.Value, secret: true);
        return api.WithEnvironment("Seed__DemoPassword", parameter);
    }

    private static string Stored(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "demo-password");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 8 } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(dataDirectory);
        var password = "demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
        File.WriteAllText(file, password);
        return password;
    }
}
