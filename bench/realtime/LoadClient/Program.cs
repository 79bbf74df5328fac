using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseHub.Bench.Realtime;
using Npgsql;

// The chat benchmark's load client (bench/realtime/run.sh runs it once per scenario; see ../README.md):
//
//   LoadClient --apphost-pid PID --signing-key FILE --scenario NAME --connections C [--rate R] [--warmup S] [--duration S]
//              [--split true] [--message-bytes 100] [--out results/….json]
//
// It finds the AppHost's Realtime replicas through /proc, seeds C/2 fresh student–teacher pairs with COPY, signs their
// tokens with the bench key, opens C WebSocket connections (a pair on one replica, or with --split its two ends on two),
// and with a rate drives both ends open-loop; with --rate 0 it holds the connections idle and measures the server's memory.
// One JSON line per scenario goes to stdout and to --out.
var options = Options.Parse(args);
var appHostPid = options.Int("apphost-pid");
var scenario = options.Text("scenario");
var connections = options.Int("connections");
var rate = options.Double("rate", 0);
var warmup = options.Double("warmup", 10);
var duration = options.Double("duration", 30);
var split = options.Text("split", "false") == "true";
var messageBytes = options.Int("message-bytes", 100);
var tokens = BenchTokens.FromPemFile(options.Text("signing-key"));
var runTag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
ThreadPool.SetMinThreads(64, 64);

var servers = ServerProcesses.RealtimeOf(appHostPid);
if (servers.Count == 0 || (split && servers.Count < 2))
{
    Console.Error.WriteLine($"Found {servers.Count} Realtime process(es) of AppHost {appHostPid}; this scenario needs {(split ? 2 : 1)}.");
    return 1;
}
var result = new JsonObject
{
    ["scenario"] = scenario,
    ["utc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    ["loadavg_before"] = File.ReadAllText("/proc/loadavg").Trim(),
    ["cores"] = Environment.ProcessorCount,
    ["connections"] = connections,
    ["replicas"] = split ? 2 : 1,
    // Off with TELEMETRY=off: the services then export no traces, metrics or logs to the dashboard.
    ["telemetry"] = servers[0].TelemetryOn ? "on" : "off",
};
await using var dataSource = NpgsqlDataSource.Create(servers[0].PostgresConnection);
var seeding = Stopwatch.StartNew();
var pairs = await PairSeeder.SeedAsync(dataSource, connections / 2, runTag);
result["seed_seconds"] = Math.Round(seeding.Elapsed.TotalSeconds, 1);

// A pair on one replica, or (split) the teacher on the first and the student on the second: every message then crosses
// the Redis backplane. Without split the pairs use the first replica only (the scenarios that want one run with one).
var ends = pairs.SelectMany((pair, i) => new[]
{
    new ChatEnd(pair.TeacherId, pair.ConversationId, servers[0].Url, tokens.For(pair.TeacherId, $"Bench teacher {i}", "Teacher", TimeSpan.FromHours(2))),
    new ChatEnd(pair.StudentId, pair.ConversationId, servers[split ? 1 : 0].Url, tokens.For(pair.StudentId, $"Bench student {i}", "Student", TimeSpan.FromHours(2))),
}).ToList();
var used = servers.Take(split ? 2 : 1).ToList();
var rssBefore = used.ToDictionary(server => server.Pid, server => ProcessSampler.RssBytes(server.Pid));

var load = new ChatLoad(ends, runTag);
var connecting = Stopwatch.StartNew();
var connectFailures = await load.ConnectAsync(parallel: 64);
result["connected"] = connections - connectFailures;
result["connect_failures"] = connectFailures;
result["connect_seconds"] = Math.Round(connecting.Elapsed.TotalSeconds, 1);
Console.Error.WriteLine($"{scenario}: {connections - connectFailures} of {connections} connected in {connecting.Elapsed.TotalSeconds:0.0} s");

using var watching = new CancellationTokenSource();
var sampler = new ProcessSampler(used.Select(server => server.Pid).ToList());
var watch = sampler.WatchAsync(watching.Token);
var cpuBefore = used.ToDictionary(server => server.Pid, server => ProcessSampler.CpuSeconds(server.Pid));
// Where the two cores go: CPU of every process of the system (grouped by executable: postgres, redis-server, the services…).
var systemProcesses = ServerProcesses.DescendantsOf(appHostPid);
var systemCpuBefore = systemProcesses.ToDictionary(process => process.Pid, process => ProcessSampler.CpuSecondsIfRunning(process.Pid));
var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var machineBefore = ProcessSampler.MachineJiffies();
var measured = Stopwatch.StartNew();

if (rate <= 0)
{
    // Idle: let the connects' allocations settle, then hold; the memory per connection is (RSS held − RSS before) / connected.
    await Task.Delay(TimeSpan.FromSeconds(duration));
    GC.KeepAlive(ends);
    result["hold_seconds"] = duration;
    result["unexpected_closes"] = load.UnexpectedCloses;
    var server = used[0];
    var rssHeld = ProcessSampler.RssBytes(server.Pid);
    result["rss_before_mib"] = Mib(rssBefore[server.Pid]);
    result["rss_held_mib"] = Mib(rssHeld);
    result["rss_peak_mib"] = Mib(sampler.PeakRss(server.Pid));
    result["kib_per_connection"] = connections - connectFailures > 0
        ? Math.Round((rssHeld - rssBefore[server.Pid]) / 1024.0 / (connections - connectFailures), 1) : null;
    result["server_open_files"] = Directory.GetFiles($"/proc/{server.Pid}/fd").Length;
}
else
{
    var totalSlots = (long)Math.Round(rate * (warmup + duration));
    var firstMeasured = (long)Math.Round(rate * warmup);
    var start = await load.RunAsync(rate, totalSlots, messageBytes, drain: TimeSpan.FromSeconds(20));
    var sent = totalSlots - firstMeasured;
    var delivered = load.Delivered(firstMeasured, totalSlots);
    result["rate"] = rate;
    result["warmup_seconds"] = warmup;
    result["duration_seconds"] = duration;
    result["message_bytes"] = messageBytes;
    result["sent"] = sent;
    result["acked"] = load.Acknowledged(firstMeasured, totalSlots);
    result["delivered"] = delivered;
    result["delivered_ratio"] = Math.Round((double)delivered / sent, 5);
    result["duplicates"] = load.Duplicates;
    result["send_errors"] = load.AckErrors;
    result["unexpected_closes"] = load.UnexpectedCloses;
    result["delivery_ms"] = Summary(load.Latencies(start, rate, firstMeasured, totalSlots, "arrival"));
    result["ack_ms"] = Summary(load.Latencies(start, rate, firstMeasured, totalSlots, "ack"));
    // How late the client itself fired (scheduled → handed to the SignalR client): the client's share of the latency.
    result["client_fire_late_ms"] = Summary(load.Latencies(start, rate, firstMeasured, totalSlots, "fired"));
    var ackedAll = load.Acknowledged(0, totalSlots);
    var persisted = await PairSeeder.CountMessagesAsync(dataSource, pairs);
    result["acked_including_warmup"] = ackedAll;
    result["persisted_rows"] = persisted;
    result["every_ack_persisted"] = persisted >= ackedAll;
}

var seconds = measured.Elapsed.TotalSeconds;
var machineAfter = ProcessSampler.MachineJiffies();
result["server"] = new JsonArray(used.Select(server => (JsonNode)new JsonObject
{
    ["pid"] = server.Pid,
    ["url"] = server.Url,
    ["cpu_percent_of_one_core"] = Math.Round((ProcessSampler.CpuSeconds(server.Pid) - cpuBefore[server.Pid]) / seconds * 100, 1),
    ["rss_peak_mib"] = Mib(sampler.PeakRss(server.Pid)),
}).ToArray());
result["system_cpu_percent_of_one_core"] = new JsonObject(systemProcesses
    .Select(process => (process.Executable, Used: ProcessSampler.CpuSecondsIfRunning(process.Pid) - systemCpuBefore[process.Pid]))
    .Where(process => process.Used is not null)
    .GroupBy(process => process.Executable, process => process.Used!.Value)
    .Select(group => (group.Key, Percent: Math.Round(group.Sum() / seconds * 100, 1)))
    .Where(group => group.Percent >= 0.5)
    .OrderByDescending(group => group.Percent)
    .Select(group => KeyValuePair.Create(group.Key, (JsonNode?)group.Percent)));
result["client_cpu_percent_of_one_core"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore) / seconds * 100, 1);
result["machine_cpu_busy_percent"] = Math.Round(100.0 * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total), 1);
result["errors"] = new JsonObject(load.Errors.OrderByDescending(e => e.Value).Take(8)
    .Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
await watching.CancelAsync();
await watch;
await load.CloseAsync();

var line = result.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
Console.WriteLine(line);
if (options.Text("out", "") is { Length: > 0 } outFile)
{
    await File.AppendAllTextAsync(outFile, line + Environment.NewLine);
}
return 0;

static double Mib(long bytes) => Math.Round(bytes / 1048576.0, 1);

static JsonObject Summary(double[] milliseconds)
{
    Array.Sort(milliseconds);
    double At(double quantile) => milliseconds.Length == 0 ? double.NaN
        : Math.Round(milliseconds[Math.Min(milliseconds.Length - 1, (int)Math.Ceiling(quantile * milliseconds.Length) - 1)], 2);
    return milliseconds.Length == 0
        ? new JsonObject { ["count"] = 0 }
        : new JsonObject { ["count"] = milliseconds.Length, ["p50"] = At(0.50), ["p95"] = At(0.95), ["p99"] = At(0.99), ["max"] = Math.Round(milliseconds[^1], 2) };
}

/// <summary>The command line as <c>--name value</c> pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args) => new(args.Chunk(2)
        .Where(pair => pair.Length == 2 && pair[0].StartsWith("--", StringComparison.Ordinal))
        .ToDictionary(pair => pair[0][2..], pair => pair[1], StringComparer.OrdinalIgnoreCase));

    public string Text(string name, string? fallback = null) =>
        values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int? fallback = null) =>
        int.Parse(Text(name, fallback?.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) =>
        double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
