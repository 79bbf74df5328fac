using System.Collections.Concurrent;
using System.Diagnostics;
using CourseHub.Contracts.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Bench.Realtime;

/// <summary>One end of a pair: a user with one hub connection to one Realtime replica.</summary>
public sealed record ChatEnd(Guid UserId, Guid ConversationId, string Url, string Token)
{
    public HubConnection? Hub { get; set; }
}

/// <summary>
/// Opens the ends' connections and drives them open-loop: send slot j is due at start + j / rate, whatever the replies
/// do, and goes out from the end <c>order[j mod C]</c> (a fixed shuffle, so both ends of a pair are not due back to back).
/// Each send awaits its invocation result (the stored message); the other end's <c>MessageReceived</c> is the arrival.
/// Delivery latency = arrival − the slot's scheduled time (not the moment the client got round to sending), so a late
/// client or a slow server both show, as they would to a user.
/// </summary>
public sealed class ChatLoad(IReadOnlyList<ChatEnd> ends, string runTag)
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private long[] _arrivedAt = [];
    private long[] _ackedAt = [];
    private long[] _firedAt = [];
    private int _duplicates;
    private int _ackErrors;
    private int _unexpectedCloses;
    private int _foreignMessages;
    private bool _closing;

    public int UnexpectedCloses => _unexpectedCloses;

    /// <summary>Connects every end, at most <paramref name="parallel"/> handshakes at a time; returns how many failed.</summary>
    public async Task<int> ConnectAsync(int parallel)
    {
        var failures = 0;
        await Parallel.ForEachAsync(ends, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (end, cancellationToken) =>
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(end.Url + ChatHubNames.Path, options =>
                {
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(end.Token);
                })
                .Build();
            hub.On<ChatMessage>(ChatHubNames.MessageReceived, message => Arrived(end, message));
            // Presence comes with every connect of a partner; the bench does not look at it.
            hub.On<PresenceChanged>(ChatHubNames.PresenceChanged, _ => { });
            hub.Closed += error =>
            {
                if (!_closing)
                {
                    Interlocked.Increment(ref _unexpectedCloses);
                    Note("closed: " + (error?.Message ?? "by the server"));
                }
                return Task.CompletedTask;
            };
            try
            {
                await hub.StartAsync(cancellationToken);
                end.Hub = hub;
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failures);
                Note("connect: " + ex.Message);
                await hub.DisposeAsync();
            }
        });
        return failures;
    }

    /// <summary>Sends <paramref name="totalSlots"/> messages at <paramref name="rate"/> per second, then waits up to <paramref name="drain"/> for replies.</summary>
    public async Task<long> RunAsync(double rate, long totalSlots, int messageBytes, TimeSpan drain)
    {
        _arrivedAt = new long[totalSlots];
        _ackedAt = new long[totalSlots];
        _firedAt = new long[totalSlots];
        var order = Enumerable.Range(0, ends.Count).ToArray();
        new Random(15).Shuffle(order);
        var ticksPerSlot = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var pending = new Task[totalSlots];
        var scheduler = new Thread(() =>
        {
            for (long slot = 0; slot < totalSlots;)
            {
                var now = Stopwatch.GetTimestamp();
                while (slot < totalSlots && start + (long)(slot * ticksPerSlot) <= now)
                {
                    pending[slot] = SendAsync(ends[order[slot % ends.Count]], slot, messageBytes);
                    slot++;
                }
                // Sleeping (about 1 ms on Linux) rather than spinning leaves both cores to the system under test; the sends
                // due meanwhile go out together on waking, and their lateness counts in the latency.
                if (slot < totalSlots && start + (long)(slot * ticksPerSlot) > Stopwatch.GetTimestamp())
                {
                    Thread.Sleep(1);
                }
            }
        }) { IsBackground = true, Priority = ThreadPriority.Highest, Name = "open-loop scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(drain));
        // Arrivals may trail the acknowledgements a little (the other end's copy goes through the backplane).
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(5) && Delivered(0, totalSlots) < Acknowledged(0, totalSlots))
        {
            await Task.Delay(100);
        }
        return start;
    }

    private async Task SendAsync(ChatEnd end, long slot, int messageBytes)
    {
        _firedAt[slot] = Stopwatch.GetTimestamp();
        var head = $"bench {runTag} slot {slot} ";
        var text = head.Length >= messageBytes ? head : head + new string('x', messageBytes - head.Length);
        try
        {
            var stored = await end.Hub!.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage,
                new SendMessageRequest(end.ConversationId, $"{runTag}-{slot}", text, null));
            _ackedAt[slot] = Stopwatch.GetTimestamp();
            if (stored.ClientMessageId != $"{runTag}-{slot}")
            {
                Note("ack for another message");
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _ackErrors);
            Note("send: " + ex.Message);
        }
    }

    private void Arrived(ChatEnd end, ChatMessage message)
    {
        if (message.SenderId == end.UserId)
        {
            return; // the sender's own copy (its other tabs would show it); the bench measures the other end
        }
        var id = message.ClientMessageId ?? "";
        if (!id.StartsWith(runTag + "-", StringComparison.Ordinal) || !long.TryParse(id.AsSpan(runTag.Length + 1), out var slot)
            || slot < 0 || slot >= _arrivedAt.Length)
        {
            Interlocked.Increment(ref _foreignMessages);
            return;
        }
        if (Interlocked.CompareExchange(ref _arrivedAt[slot], Stopwatch.GetTimestamp(), 0) != 0)
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    private void Note(string error)
    {
        var key = error.Length > 160 ? error[..160] : error;
        _errors.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    public long Delivered(long from, long to) => Range(from, to).Count(slot => _arrivedAt[slot] != 0);
    public long Acknowledged(long from, long to) => Range(from, to).Count(slot => _ackedAt[slot] != 0);
    public int Duplicates => _duplicates;
    public int AckErrors => _ackErrors;
    public int ForeignMessages => _foreignMessages;
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Milliseconds from each slot's scheduled time to <paramref name="at"/> (arrival, acknowledgement or firing), for slots that got there.</summary>
    public double[] Latencies(long start, double rate, long from, long to, string at)
    {
        var times = at switch { "arrival" => _arrivedAt, "ack" => _ackedAt, _ => _firedAt };
        var ticksPerSlot = Stopwatch.Frequency / rate;
        return Range(from, to).Where(slot => times[slot] != 0)
            .Select(slot => (times[slot] - (start + (long)(slot * ticksPerSlot))) / TicksPerMs).ToArray();
    }

    public async Task CloseAsync()
    {
        _closing = true;
        await Parallel.ForEachAsync(ends.Where(end => end.Hub is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (end, _) => await end.Hub!.DisposeAsync());
    }

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var slot = from; slot < to; slot++)
        {
            yield return slot;
        }
    }
}
