namespace CourseHub.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> every 25 ms until it holds, failing once more than <paramref name="limit"/> has passed
    /// on <paramref name="since"/> (started when the awaited change was made): for promises of "within N ms".
    /// </summary>
    public static async Task WithinAsync(Func<Task<bool>> condition, System.Diagnostics.Stopwatch since, TimeSpan limit, string what)
    {
        while (!await condition())
        {
            Assert.True(since.Elapsed < limit, $"Waited {since.ElapsedMilliseconds} ms (more than {limit.TotalMilliseconds:0}) for: {what}");
            await Task.Delay(25);
        }
        Assert.True(since.Elapsed < limit, $"Took {since.ElapsedMilliseconds} ms (more than {limit.TotalMilliseconds:0}) for: {what}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the time is up (then fails with <paramref name="what"/>).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for: {what}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value (not null), and returns it; fails with <paramref name="what"/> when the time is up.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for: {what}");
            }
            await Task.Delay(200);
        }
    }
}
