using System.Net.Http.Json;
using CourseHub.Api.Features.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// Makes the demo teachers' courses buyable: each gets a Connect account, onboarded at once through the Stripe emulator's
/// control API (<c>POST /_emulator/accounts/{id}/onboard</c>, not part of Stripe's). Only against the emulator
/// (<c>Stripe:Emulated</c>); with real Stripe the demo teachers stay un-onboarded. Teachers already enabled are skipped,
/// so later starts ask nothing.
/// </summary>
public static class DemoPayouts
{
    public static async Task OnboardAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var stripe = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (!configuration.GetValue("Stripe:Emulated", false) || string.IsNullOrWhiteSpace(stripe.ApiBase))
        {
            return;
        }
        var db = services.GetRequiredService<CourseHubDbContext>();
        var ids = DemoAccounts.People.Where(p => p.Role == Roles.Teacher).Select(p => p.Id).ToList();
        var teachers = await db.Users.Where(u => ids.Contains(u.Id) && u.Email != null)
            .Where(u => !db.PayoutAccounts.Any(a => a.TeacherId == u.Id && a.ChargesEnabled && a.PayoutsEnabled))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        if (teachers.Count == 0)
        {
            return;
        }
        var payouts = services.GetRequiredService<TeacherPayouts>();
        using var control = new HttpClient { BaseAddress = new Uri(stripe.ApiBase.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
        control.DefaultRequestHeaders.Authorization = new("Bearer", stripe.SecretKey);
        try
        {
            foreach (var teacherId in teachers)
            {
                var account = await payouts.EnsureAccountAsync(teacherId, cancellationToken);
                using var onboarded = await control.PostAsJsonAsync($"_emulator/accounts/{account.StripeAccountId}/onboard", new { }, cancellationToken);
                onboarded.EnsureSuccessStatusCode();
                await payouts.CurrentAsync(teacherId, cancellationToken);
            }
            logger.LogInformation("Demo teachers can receive payouts: {Count} onboarded through the Stripe emulator", teachers.Count);
        }
        catch (Exception ex) when (ex is HttpRequestException or StripeException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Could not onboard the demo teachers with the Stripe emulator; their courses cannot be bought until the next start");
        }
    }
}
