using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Web.Infrastructure;

/// <summary>How the Web's hub connections reconnect: quick tries first, then every 10 s for as long as the tab is open.</summary>
public sealed class HubRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(10);
}
