using CourseHub.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>With Emulator:DataPath set, a restart keeps accounts and sessions (as an F5 restart must).</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restarted_emulator_keeps_accounts_and_sessions()
    {
        var directory = TestDirectories.Create("stripe-emulator-data");
        try
        {
            var dataPath = Path.Combine(directory, "state", "stripe.json");
            string accountId, sessionId;
            await using (var first = await EmulatorHost.StartAsync(dataPath: dataPath))
            {
                accountId = (await first.OnboardedAccountAsync()).Id;
                sessionId = (await new SessionService(first.Stripe).CreateAsync(EmulatorHost.CourseSession())).Id;
            }
            Assert.True(System.IO.File.Exists(dataPath));

            await using var second = await EmulatorHost.StartAsync(dataPath: dataPath);

            Assert.True((await new AccountService(second.Stripe).GetAsync(accountId)).ChargesEnabled);
            var session = await new SessionService(second.Stripe).GetAsync(sessionId);
            Assert.Equal("open", session.Status);
            Assert.Equal(4999, session.AmountTotal);
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    [Fact]
    public async Task Events_not_delivered_before_a_restart_are_delivered_after_it()
    {
        var directory = TestDirectories.Create("stripe-emulator-data");
        try
        {
            var dataPath = Path.Combine(directory, "stripe.json");
            string sessionId;
            await using (var first = await EmulatorHost.StartAsync(dataPath: dataPath))
            {
                // The endpoint is down for the whole first run.
                first.Receiver.FailNext(int.MaxValue);
                sessionId = (await new SessionService(first.Stripe).CreateAsync(EmulatorHost.CourseSession())).Id;
                (await first.PayAsync(sessionId)).EnsureSuccessStatusCode();
                await Eventually.TrueAsync(() => Task.FromResult(first.Receiver.Requests >= 2), TimeSpan.FromSeconds(10), "delivery attempted and retried");
                Assert.Empty(first.Receiver.Accepted);
            }

            await using var second = await EmulatorHost.StartAsync(dataPath: dataPath);

            var delivered = await second.AcceptedEventAsync("checkout.session.completed", sessionId);
            Assert.Equal("paid", ((Session)delivered.Data.Object).PaymentStatus);
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }
}
