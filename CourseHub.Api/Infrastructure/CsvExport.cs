using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// A table streamed as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, quotes doubled), row by row from the database, so an export of a large table never sits in memory.
/// </summary>
public sealed class CsvFile : IResult, IEndpointMetadataProvider
{
    private const int FlushEvery = 500;
    private readonly string _fileName;
    private readonly Func<CsvWriter, CancellationToken, Task> _write;

    private CsvFile(string fileName, Func<CsvWriter, CancellationToken, Task> write)
    {
        _fileName = fileName;
        _write = write;
    }

    /// <summary>A CSV of <paramref name="rows"/> with one column per (header, value) pair.</summary>
    public static CsvFile Of<T>(string fileName, IAsyncEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns) =>
        new(fileName, async (writer, cancellationToken) =>
        {
            await writer.RowAsync(columns.Select(c => (object?)c.Header));
            var count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await writer.RowAsync(columns.Select(c => c.Value(row)));
                if (++count % FlushEvery == 0)
                {
                    await writer.FlushAsync();
                }
            }
        });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "text/csv; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{_fileName}\"";
        await using var writer = new CsvWriter(new StreamWriter(httpContext.Response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024));
        await _write(writer, httpContext.RequestAborted);
        await writer.FlushAsync();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));

    /// <summary>Checks <c>format</c>: absent or <c>json</c> answers JSON, <c>csv</c> a CSV file; anything else is named as a bad field.</summary>
    public static bool Wants(string? format, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (format.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        errors["format"] = ["Use json (the default) or csv."];
        return false;
    }
}

/// <summary>
/// Writes CSV rows; values are formatted culture-invariantly (times as ISO 8601 in UTC, lists joined by ";"). Text that a
/// spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a
/// leading single quote, so it is shown as text (OWASP's CSV injection advice); numbers, times and flags are written as they are.
/// </summary>
public sealed class CsvWriter(TextWriter writer) : IAsyncDisposable
{
    public async Task RowAsync(IEnumerable<object?> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }
            first = false;
            await writer.WriteAsync(Escape(Format(value)));
        }
        await writer.WriteAsync("\r\n");
    }

    public Task FlushAsync() => writer.FlushAsync();

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;

    /// <summary>Text as a spreadsheet should show it: a leading formula character is escaped with a single quote.</summary>
    public static string AsText(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static string Format(object? value) => value switch
    {
        null => "",
        string text => AsText(text),
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IEnumerable<string> list => AsText(string.Join(';', list)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
