using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CourseHub.Worker.Features.Video;

/// <summary>What ffprobe found in an upload.</summary>
public sealed record ProbedVideo(double DurationSeconds, int Width, int Height, string VideoCodec, string? AudioCodec);

/// <summary>An upload that is not a video we can process; the message is the teacher's reason.</summary>
public sealed class VideoRefusedException(string reason) : Exception(reason);

/// <summary>
/// Debian's ffprobe and ffmpeg, run as child processes: arguments as a list (no shell), progress read from
/// <c>-progress pipe:1</c>, the last lines of stderr kept for the reason of a failure, killed on cancellation.
/// </summary>
public sealed class Ffmpeg(VideoOptions options)
{
    public async Task<ProbedVideo> ProbeAsync(string file, CancellationToken cancellationToken)
    {
        var (exit, output, errors) = await RunAsync(options.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], null, cancellationToken);
        if (exit != 0)
        {
            throw new VideoRefusedException($"The file is not a video that can be read ({FirstLine(errors, "ffprobe could not open it")}).");
        }
        using var json = JsonDocument.Parse(output);
        var streams = json.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsStill(x));
        if (video.ValueKind != JsonValueKind.Object)
        {
            throw new VideoRefusedException("The file has no video stream.");
        }
        var audio = streams.FirstOrDefault(x => Text(x, "codec_type") == "audio");
        var duration = Number(json.RootElement.TryGetProperty("format", out var format) ? Text(format, "duration") : null) ?? Number(Text(video, "duration"));
        if (duration is not > 0)
        {
            throw new VideoRefusedException("The video has no duration: the file may be cut short or damaged.");
        }
        var width = video.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        var height = video.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        if (width < 16 || height < 16)
        {
            throw new VideoRefusedException($"The video's picture size ({width}x{height}) cannot be read.");
        }
        return new ProbedVideo(duration.Value, width, height, Text(video, "codec_name") ?? "unknown",
            audio.ValueKind == JsonValueKind.Object ? Text(audio, "codec_name") : null);
    }

    /// <summary>Runs ffmpeg with <paramref name="arguments"/>, reporting the media time it has reached, in seconds.</summary>
    public async Task TranscodeAsync(IReadOnlyList<string> arguments, Action<double> progress, CancellationToken cancellationToken)
    {
        var (exit, _, errors) = await RunAsync(options.FfmpegPath, ["-hide_banner", "-nostdin", "-y", "-nostats", "-progress", "pipe:1", .. arguments],
            line =>
            {
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) && micros > 0)
                {
                    progress(micros / 1_000_000.0);
                }
            }, cancellationToken);
        if (exit != 0)
        {
            throw new VideoRefusedException($"The video could not be decoded ({LastLine(errors, "ffmpeg stopped")}).");
        }
    }

    private static async Task<(int Exit, string Output, List<string> Errors)> RunAsync(string program, IReadOnlyList<string> arguments,
        Action<string>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = new List<string>();
        var output = new System.Text.StringBuilder();
        var readErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                    if (errors.Count > 40)
                    {
                        errors.RemoveAt(0);
                    }
                }
            }
        }, CancellationToken.None);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (onLine is null)
                {
                    output.AppendLine(line);
                }
                else
                {
                    onLine(line);
                }
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Replaced, deleted or shutting down: no half-made rendition is worth finishing.
            process.Kill(entireProcessTree: true);
            throw;
        }
        await readErrors;
        return (process.ExitCode, output.ToString(), errors);
    }

    private static bool IsStill(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var pic) && pic.GetInt32() == 1;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string FirstLine(List<string> lines, string fallback) => Clean(lines.FirstOrDefault(l => l.Trim().Length > 0) ?? fallback);

    private static string LastLine(List<string> lines, string fallback) => Clean(lines.LastOrDefault(l => l.Trim().Length > 0) ?? fallback);

    // ffprobe names the local temp file in its messages: the teacher needs the reason, not our path.
    private static string Clean(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var text = line.StartsWith('/') && colon > 0 ? line[(colon + 2)..] : line;
        return text.Length > 300 ? text[..300] : text.Trim();
    }
}
