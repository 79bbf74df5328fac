using System.Net;
using System.Net.Sockets;
using CourseHub.Domain;
using CourseHub.EventBus;
using CourseHub.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CourseHub.Tests.ServiceDefaults;

/// <summary>
/// A service wired like ours (service defaults and every client integration) without starting the
/// system: the tests point it at servers that are down, or at a telemetry collector of their own.
/// </summary>
internal static class ServiceHost
{
    // The development storage account's name and key are public, documented by Microsoft for emulators.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? settings = null, int autoPrepare = 0)
    {
        // Nothing listens on this port, so every client is refused at once.
        var down = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "CourseHub.Tests" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:coursehub"] = $"Host=127.0.0.1;Port={down};Database=coursehub;Username=coursehub;Password=x;Timeout=3",
            ["ConnectionStrings:redis"] = $"127.0.0.1:{down},connectTimeout=1000,asyncTimeout=1000",
            ["ConnectionStrings:messaging"] = $"amqp://guest:guest@127.0.0.1:{down}",
            ["ConnectionStrings:blobs"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{down}/devstoreaccount1;",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddPostgresDbContext<CourseHubDbContext>("coursehub", autoPrepare);
        builder.AddRedisConnection("redis");
        builder.AddEventBus("messaging");
        builder.AddAzureBlobClient("blobs");
        return builder;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
