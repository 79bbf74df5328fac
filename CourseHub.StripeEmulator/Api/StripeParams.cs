using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseHub.StripeEmulator.Api;

/// <summary>
/// A request's parameters in Stripe's bracket syntax (<c>a[b][0][c]=v</c>, <c>expand[]=x</c>), kept flat by their full
/// key: Stripe's nesting is only a naming convention, so looking keys up whole is all the endpoints need.
/// </summary>
public sealed partial class StripeParams(IReadOnlyList<KeyValuePair<string, string>> pairs)
{
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => pairs;

    public static async Task<StripeParams> ReadAsync(HttpRequest request)
    {
        var list = request.Query.SelectMany(entry => entry.Value.Select(value => KeyValuePair.Create(entry.Key, value ?? ""))).ToList();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            list.AddRange(form.SelectMany(entry => entry.Value.Select(value => KeyValuePair.Create(entry.Key, value ?? ""))));
        }
        return new StripeParams(list);
    }

    public string? Get(string key) => pairs.LastOrDefault(pair => pair.Key == key).Value is { Length: > 0 } value ? value : null;

    public string Required(string key) => Get(key) ?? throw StripeApiException.MissingParam(key);

    public long? Long(string key)
    {
        var text = Get(key);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeApiException.InvalidParam(key, $"Invalid integer: {text}");
    }

    public bool Bool(string key) => Get(key) is { } text && (text == "true" ? true : text == "false" ? false
        : throw StripeApiException.InvalidParam(key, $"Invalid boolean: {text}"));

    /// <summary>The entries of a hash parameter, e.g. metadata[course_id]=7 → {course_id: 7}.</summary>
    public Dictionary<string, string> Hash(string prefix)
    {
        var result = new Dictionary<string, string>();
        foreach (var (key, value) in pairs)
        {
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', prefix.Length + 1) < 0)
            {
                result[key[(prefix.Length + 1)..^1]] = value;
            }
        }
        return result;
    }

    /// <summary>The indexes used under an array parameter, e.g. line_items[0][…], line_items[1][…] → 0, 1.</summary>
    public IReadOnlyList<int> Indexes(string prefix) => pairs
        .Select(pair => IndexPattern().Match(pair.Key))
        .Where(match => match.Success && match.Groups["prefix"].Value == prefix)
        .Select(match => int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture))
        .Distinct()
        .Order()
        .ToList();

    /// <summary>The values of a list parameter sent as <c>expand[]=a</c> or <c>expand[0]=a</c>.</summary>
    public IReadOnlyList<string> List(string prefix) => pairs
        .Where(pair => pair.Key == prefix + "[]" || (pair.Key.StartsWith(prefix + "[", StringComparison.Ordinal)
            && IndexPattern().Match(pair.Key) is { Success: true } match && match.Groups["prefix"].Value == prefix && match.Length == pair.Key.Length))
        .Select(pair => pair.Value)
        .ToList();

    [GeneratedRegex(@"^(?<prefix>[a-z_]+)\[(?<index>\d+)\]")]
    private static partial Regex IndexPattern();
}
