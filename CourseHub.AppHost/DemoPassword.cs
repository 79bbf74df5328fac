using System.Security.Cryptography;
using CourseHub.AppHost.Hosting;
using CourseHub.AppHost.Hosting.Resources;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The one password of the demo accounts (teachers, students and an admin at <c>@coursehub.test</c>): <c>Seed:DemoPassword</c>
/// when configured, otherwise generated once per data folder and kept there, so nothing is hard-coded and F5 still gives a
/// developer accounts to sign in with. Printed at start.
/// </summary>
internal static class DemoPassword
{
    public static IResourceBuilder<ProjectResource> WithDemoAccounts(this IResourceBuilder<ProjectResource> api, DistributedApplicationBuilder builder)
    {
        var password = builder.Configuration["Seed:DemoPassword"] is { Length: > 0 } configured ? configured : Stored(builder.DataDirectory);
        Console.WriteLine($"Demo accounts (when the demo seed is on): ada.okafor@coursehub.test (teacher), sam.carter@coursehub.test (student), " +
                          $"demo.admin@coursehub.test (admin) — password {password}");
        return api.WithEnvironment("Seed__DemoPassword", password);
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
