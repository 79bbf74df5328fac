using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CourseHub.StripeEmulator.State;

/// <summary>
/// The one place state changes: a change runs under a single lock (Stripe objects refer to each other, so one lock
/// keeps them consistent), is saved to <see cref="EmulatorOptions.DataPath"/> before the lock is released, and the
/// events it raised are handed to the webhook dispatcher afterwards.
/// </summary>
public sealed class EmulatorStore
{
    private readonly Lock gate = new();
    private readonly EmulatorState state;
    private readonly EmulatorOptions options;
    private readonly TimeProvider time;

    public EmulatorStore(IOptions<EmulatorOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        state = Load(this.options.DataPath) ?? new EmulatorState();
    }

    /// <summary>Called with each new event's id once the change that raised it is saved.</summary>
    public event Action<string>? EventRaised;

    public TimeProvider Time => time;

    public T Read<T>(Func<EmulatorState, T> read)
    {
        lock (gate)
        {
            return read(state);
        }
    }

    public T Change<T>(Func<StateChange, T> change)
    {
        StateChange context;
        T result;
        lock (gate)
        {
            context = new StateChange(state, time, options);
            result = change(context);
            Save();
        }
        foreach (var eventId in context.RaisedEventIds)
        {
            EventRaised?.Invoke(eventId);
        }
        return result;
    }

    private void Save()
    {
        if (string.IsNullOrEmpty(options.DataPath))
        {
            return;
        }
        var path = Path.GetFullPath(options.DataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside and rename over, so a crash mid-write leaves the previous complete file, never half a file.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, StripeJson.Options));
        File.Move(temporary, path, overwrite: true);
    }

    private static EmulatorState? Load(string? dataPath)
    {
        if (string.IsNullOrEmpty(dataPath) || !File.Exists(dataPath))
        {
            return null;
        }
        return JsonSerializer.Deserialize<EmulatorState>(File.ReadAllText(dataPath), StripeJson.Options);
    }
}

/// <summary>What a change sees: the state, the clock, and a way to raise events.</summary>
public sealed class StateChange(EmulatorState state, TimeProvider time, EmulatorOptions options)
{
    private readonly List<string> raised = [];

    public EmulatorState State => state;

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public IReadOnlyList<string> RaisedEventIds => raised;

    /// <summary>Records an event whose data.object is a snapshot of <paramref name="subject"/> as it is now.</summary>
    public StripeEvent Raise(string type, object subject, EventRequest? request = null)
    {
        var stripeEvent = new StripeEvent
        {
            Id = Ids.New("evt"),
            ApiVersion = options.ApiVersion,
            Created = Now,
            Type = type,
            PendingWebhooks = string.IsNullOrEmpty(options.WebhookUrl) ? 0 : 1,
            Request = request ?? new EventRequest(),
            Data = new EventData { Object = StripeJson.ToNode(subject) },
        };
        state.Events.Add(new EventRecord { Event = stripeEvent });
        raised.Add(stripeEvent.Id);
        return stripeEvent;
    }
}
