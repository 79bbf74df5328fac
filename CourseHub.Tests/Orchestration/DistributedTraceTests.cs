using System.Diagnostics;
using System.Net.Http.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// What the dashboard shows as one trace, checked on the running system: the services export over OTLP to the endpoint
/// the AppHost gives them, and a sign-up's trace id reaches the Worker's spans (relay, consumer, SMTP send).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DistributedTraceTests(SystemFixture system)
{
    [Fact]
    public async Task A_sign_up_is_one_trace_from_the_api_request_to_the_worker_sending_the_mail()
    {
        var trace = ActivityTraceId.CreateRandom();
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.18.{Random.Shared.Next(0, 250)}.{Random.Shared.Next(1, 250)}");
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new { email = IdentityClient.NewEmail("onetrace"), password = "correct-horse-battery", displayName = "One Trace", role = "Student" }),
        };
        register.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await http.SendAsync(register);
        Assert.True(response.IsSuccessStatusCode, $"register: {(int)response.StatusCode}");

        // A span's trace_id is its 16 raw bytes in the protobuf request.
        var traceBytes = Convert.FromHexString(trace.ToHexString());
        bool Exported(string service, string spanName) => system.Telemetry.From(service, "traces").Any(body =>
            body.AsSpan().IndexOf(traceBytes) >= 0 && body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(spanName)) >= 0);

        await Eventually.TrueAsync(() => Task.FromResult(Exported("api", "/api/auth/register")), TimeSpan.FromSeconds(30),
            "the Api's request span in the sign-up's trace");
        await Eventually.TrueAsync(() => Task.FromResult(Exported("worker", "smtp send")), TimeSpan.FromSeconds(60),
            "the Worker's SMTP send span in the sign-up's trace");
        // Logs and metrics go the same way.
        Assert.NotEmpty(system.Telemetry.From("worker", "logs"));
        await Eventually.TrueAsync(() => Task.FromResult(system.Telemetry.From("api", "metrics").Any()), TimeSpan.FromSeconds(30), "the Api's metrics");
    }
}
