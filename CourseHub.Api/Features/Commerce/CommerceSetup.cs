using Stripe;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// Stripe as configured: <c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c>, and <c>Stripe:ApiBase</c> when the
/// requests go somewhere other than Stripe itself (the AppHost points it at our Stripe emulator when no key is set).
/// </summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
    public string? ApiBase { get; set; }
}

/// <summary>The marketplace's rules: the platform's share of each sale and how long a student may ask for a refund.</summary>
public sealed class PaymentsOptions
{
    public int PlatformFeePercent { get; set; } = 20;
    public int RefundWindowDays { get; set; } = 30;
    /// <summary>How long a Checkout Session stays open (Stripe allows 30 minutes to 24 hours).</summary>
    public int CheckoutMinutes { get; set; } = 60;

    /// <summary>The platform's fee on an amount, rounded down to a whole minor unit (the teacher keeps the rounding).</summary>
    public long FeeOn(long amountMinor) => amountMinor * Math.Clamp(PlatformFeePercent, 0, 100) / 100;
}

public static class CommerceSetup
{
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection("Stripe"));
        services.Configure<PaymentsOptions>(configuration.GetSection("Payments"));
        // Stripe.net's own HTTP client: it retries network failures itself, with an idempotency key on every POST, so no
        // second retry layer (the service defaults' resilience handler) may resend requests on top of it.
        services.AddSingleton<IStripeClient>(provider =>
        {
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StripeOptions>>().Value;
            var http = new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, maxNetworkRetries: 2);
            return new StripeClient(options.SecretKey ?? throw new InvalidOperationException("Stripe:SecretKey is not configured."),
                httpClient: http, apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase.TrimEnd('/'));
        });
        services.AddScoped<EnrollmentService>();
        services.AddScoped<CourseCheckout>();
        services.AddScoped<OrderRefunds>();
        services.AddScoped<TeacherPayouts>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommerceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEnrollmentEndpoints();
        endpoints.MapCheckoutEndpoints();
        endpoints.MapOrderEndpoints();
        endpoints.MapStripeWebhookEndpoints();
        endpoints.MapPayoutEndpoints();
        endpoints.MapEarningsEndpoints();
        endpoints.MapAdminOrderEndpoints();
        return endpoints;
    }
}
