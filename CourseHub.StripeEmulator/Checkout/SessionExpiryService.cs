using CourseHub.StripeEmulator.State;
using Microsoft.Extensions.Options;

namespace CourseHub.StripeEmulator.Checkout;

/// <summary>Expires sessions once their expires_at passes, on the emulator's clock.</summary>
public sealed class SessionExpiryService(EmulatorStore store, IOptions<EmulatorOptions> options, TimeProvider time, ILogger<SessionExpiryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    CheckoutSessions.ExpireDue(store);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError(error, "Expiring due Checkout Sessions failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
