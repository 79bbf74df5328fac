using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.Checkout;
using CourseHub.StripeEmulator.Connect;
using CourseHub.StripeEmulator.Control;
using CourseHub.StripeEmulator.Pages;
using CourseHub.StripeEmulator.Payments;
using CourseHub.StripeEmulator.Refunds;
using CourseHub.StripeEmulator.State;
using CourseHub.StripeEmulator.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseHub.StripeEmulator;

/// <summary>Builds the emulator; Program runs it, tests start it in-process (e.g. with --urls=http://127.0.0.1:0).</summary>
public static class StripeEmulatorApp
{
    /// <param name="configure">Lets a test swap services (a fake TimeProvider) before the defaults are added.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Aspire hands executables their port in PORT; an explicit urls / ASPNETCORE_URLS wins.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && builder.Configuration["PORT"] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        // One line per webhook attempt is the dispatcher's own; HttpClient's four lines per request add nothing.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        configure?.Invoke(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<EmulatorOptions>(builder.Configuration.GetSection(EmulatorOptions.Section));
        builder.Services.AddSingleton<EmulatorStore>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHostedService<SessionExpiryService>();

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (StripeApiException error) when (!context.Response.HasStarted)
            {
                await StripeApiMiddleware.WriteErrorAsync(context.Response, error);
            }
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1"), api => api.UseMiddleware<StripeApiMiddleware>());

        app.MapCheckoutEndpoints();
        app.MapPaymentEndpoints();
        app.MapRefundEndpoints();
        app.MapConnectEndpoints();
        app.MapEventEndpoints();
        app.MapControlEndpoints();
        app.MapCheckoutPage();
        app.MapOnboardingPage();
        app.MapGet("/health", () => Results.Text("Healthy"));
        RequestDelegate unknownRoute = context => throw new StripeApiException(404, "invalid_request_error",
            $"Unrecognized request URL ({context.Request.Method}: {context.Request.Path}). The Stripe emulator implements only what CourseHub uses.");
        app.MapFallback("/v1/{**path}", unknownRoute);
        return app;
    }
}
