using System.Net;
using CourseHub.Domain.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Commerce;

/// <summary>A payment confirmed while RabbitMQ is down is recorded at once and enrolls the buyer when the broker is back.</summary>
[Collection(SystemCollection.Name)]
public sealed class PaymentOutageTests(SystemFixture system)
{
    [Fact]
    public async Task A_webhook_received_while_the_broker_is_down_is_processed_once_it_is_back()
    {
        var course = await system.PublishedCourseAsync("Outage purchase course", 1999);
        using var buyer = await system.SignUpAsync("Student", "outage");
        var checkout = await buyer.OkJsonAsync(HttpMethod.Post, "/api/checkout", new { courseId = course.Id });
        var orderId = checkout.GetProperty("orderId").GetGuid();

        await system.StopAsync("messaging");
        try
        {
            using var http = new HttpClient();
            var paid = await http.PostAsync($"{system.EmulatorUrl()}/_emulator/checkout/sessions/{checkout.GetProperty("sessionId").GetString()}/pay",
                new StringContent("{\"card\":\"4242424242424242\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
            // The Api records the event without the broker; handling it waits in the outbox.
            await Eventually.TrueAsync(async () =>
            {
                await using var db = system.CreateDbContext();
                return await db.StripeEvents.AnyAsync(e => e.Type == "checkout.session.completed" && e.Payload.Contains(orderId.ToString()));
            }, TimeSpan.FromSeconds(30), "the completed event to be recorded during the outage");
            Assert.Equal("pending", (await buyer.OrderAsync(orderId)).GetProperty("status").GetString());
        }
        finally
        {
            await system.StartAsync("messaging");
        }
        await system.WaitForHealthyAsync("messaging", TimeSpan.FromSeconds(60));

        await buyer.OrderReachesAsync(orderId, "paid", timeout: TimeSpan.FromSeconds(120));
        Assert.Contains(course.Id, await buyer.EnrolledCourseIdsAsync());
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.Enrollments.CountAsync(e => e.CourseId == course.Id));
            Assert.Equal(StripeEventOutcome.Processed,
                await db.StripeEvents.Where(e => e.Type == "checkout.session.completed" && e.OrderId == orderId).Select(e => e.Outcome).SingleAsync());
        }
    }
}
