using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace CourseHub.Tests.Commerce;

/// <summary>A published paid course and its onboarded teacher, for the commerce tests.</summary>
public sealed record ShopCourse(StudioUser Teacher, Guid Id, string Slug, long PriceMinor, string Currency);

/// <summary>
/// Buying through the real routes and the Stripe emulator the AppHost runs: Stripe.net pointed at the emulator (as the
/// Api is) for Stripe's API, and the emulator's control API (<c>/_emulator/…</c>) to pay as the hosted page would.
/// </summary>
public static class Shop
{
    private static readonly HttpClient Http = new();

    public static string EmulatorUrl(this SystemFixture system) => system.App.GetEndpoint("stripe", "http").ToString().TrimEnd('/');

    /// <summary>Stripe.net talking to the emulator with the key the AppHost gives the Api.</summary>
    public static StripeClient Stripe(this SystemFixture system) =>
        new(system.Project("api").Environment["Stripe__SecretKey"], apiBase: system.EmulatorUrl());

    public static string WebhookSecret(this SystemFixture system) => system.Project("api").Environment["Stripe__WebhookSecret"];

    /// <summary>Onboards the teacher's Connect account through the routes and the emulator, until the Api says payouts are enabled.</summary>
    public static async Task OnboardAsync(this SystemFixture system, StudioUser teacher)
    {
        var link = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/payouts/onboard");
        Assert.StartsWith(system.EmulatorUrl(), link.GetProperty("url").GetString());
        var accountId = await system.PayoutAccountIdAsync(teacher);
        (await Http.PostAsync($"{system.EmulatorUrl()}/_emulator/accounts/{accountId}/onboard", null)).EnsureSuccessStatusCode();
        var status = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/payouts");
        Assert.Equal("enabled", status.GetProperty("status").GetString());
    }

    public static async Task<string> PayoutAccountIdAsync(this SystemFixture system, StudioUser teacher)
    {
        await using var db = system.CreateDbContext();
        return await db.PayoutAccounts.Where(a => db.Users.Any(u => u.Id == a.TeacherId && u.Email == teacher.Email)).Select(a => a.StripeAccountId).SingleAsync();
    }

    /// <summary>A new teacher, onboarded, with a published course at the given price.</summary>
    public static async Task<ShopCourse> PublishedCourseAsync(this SystemFixture system, string title, long priceMinor = 4999, string currency = "USD")
    {
        var teacher = await system.SignUpAsync("Teacher", "seller");
        var created = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", new
        {
            title,
            subtitle = "Bought in a test",
            description = "A course to buy.",
            categorySlug = "programming",
            level = "Beginner",
            language = "en",
            priceMinor,
            currency,
            learningOutcomes = new[] { "Pay for things" },
            requirements = Array.Empty<string>(),
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var module = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Start" }, HttpStatusCode.Created);
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{module.GetProperty("id").GetGuid()}/lessons",
            new { title = "Welcome", type = "Text", textMarkdown = "Hello", isFreePreview = true }, HttpStatusCode.Created);
        await teacher.SubmitCompleteAsync(id);
        using var admin = await system.AdminAsync();
        var approved = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");
        return new ShopCourse(teacher, id, approved.GetProperty("slug").GetString()!, priceMinor, currency);
    }

    /// <summary>Starts checkout and pays with <paramref name="card"/> as the hosted page would; answers the checkout and the emulator's status code.</summary>
    public static async Task<(JsonElement Checkout, HttpStatusCode Paid)> BuyAsync(this SystemFixture system, StudioUser buyer, Guid courseId,
        string card = "4242424242424242", string? delayed = null)
    {
        var checkout = await buyer.OkJsonAsync(HttpMethod.Post, "/api/checkout", new { courseId });
        var sessionId = checkout.GetProperty("sessionId").GetString();
        using var paid = await Http.PostAsJsonAsync($"{system.EmulatorUrl()}/_emulator/checkout/sessions/{sessionId}/pay", new { card, delayed });
        return (checkout, paid.StatusCode);
    }

    public static async Task<JsonElement> OrderAsync(this StudioUser buyer, Guid orderId) =>
        await buyer.OkJsonAsync(HttpMethod.Get, $"/api/me/orders/{orderId}");

    /// <summary>Polls the order until its status is <paramref name="status"/> (the webhook and the Worker take a moment).</summary>
    public static async Task<JsonElement> OrderReachesAsync(this StudioUser buyer, Guid orderId, string status, Func<JsonElement, bool>? also = null,
        TimeSpan? timeout = null)
    {
        JsonElement order = default;
        await Eventually.TrueAsync(async () =>
        {
            order = await buyer.OrderAsync(orderId);
            return order.GetProperty("status").GetString() == status && (also?.Invoke(order) ?? true);
        }, timeout ?? TimeSpan.FromSeconds(30), $"order {orderId} to be {status}");
        return order;
    }

    public static async Task<List<Guid>> EnrolledCourseIdsAsync(this StudioUser user) =>
        (await user.OkJsonAsync(HttpMethod.Get, "/api/me/enrollments")).EnumerateArray().Select(e => e.GetProperty("courseId").GetGuid()).ToList();

    /// <summary>The events the emulator sent of a type, newest first.</summary>
    public static async Task<List<JsonElement>> EmulatorEventsAsync(this SystemFixture system, string type) =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"{system.EmulatorUrl()}/_emulator/events?type={type}"))!;

    public static async Task ResendAsync(this SystemFixture system, string eventId) =>
        (await Http.PostAsync($"{system.EmulatorUrl()}/_emulator/events/{eventId}/resend", null)).EnsureSuccessStatusCode();

    /// <summary>The emulator's event of <paramref name="type"/> about the session, once it has been sent.</summary>
    public static async Task<JsonElement> SessionEventAsync(this SystemFixture system, string type, string sessionId)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(async () =>
        {
            found = (await system.EmulatorEventsAsync(type)).FirstOrDefault(e =>
                e.GetProperty("event").GetProperty("data").GetProperty("object").GetProperty("id").GetString() == sessionId);
            return found is not null;
        }, TimeSpan.FromSeconds(20), $"{type} of {sessionId}");
        return found!.Value;
    }
}
