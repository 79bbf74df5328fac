using System.Globalization;

namespace CourseHub.StripeEmulator.Checkout;

/// <summary>Amounts in Stripe's integer smallest units, shown the way Checkout shows them.</summary>
public static class Money
{
    // Stripe's zero-decimal currencies: the amount is already in whole units (5000 JPY is ¥5,000, not ¥50.00).
    private static readonly HashSet<string> ZeroDecimal =
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["jpy"] = "¥", ["krw"] = "₩", ["inr"] = "₹", ["cny"] = "CN¥",
        ["cad"] = "CA$", ["aud"] = "A$", ["nzd"] = "NZ$", ["chf"] = "CHF ", ["sek"] = "SEK ", ["brl"] = "R$", ["mxn"] = "MX$",
    };

    public static bool IsZeroDecimal(string currency) => ZeroDecimal.Contains(currency.ToLowerInvariant());

    /// <summary>e.g. (4999, "usd") → "$49.99"; (5000, "jpy") → "¥5,000"; unknown currencies get their code: "PLN 12.00".</summary>
    public static string Format(long amount, string currency)
    {
        var code = currency.ToLowerInvariant();
        var number = IsZeroDecimal(code)
            ? amount.ToString("N0", CultureInfo.InvariantCulture)
            : (amount / 100m).ToString("N2", CultureInfo.InvariantCulture);
        var sign = number.StartsWith('-') ? "-" : "";
        return sign + (Symbols.TryGetValue(code, out var symbol) ? symbol : code.ToUpperInvariant() + " ") + number.TrimStart('-');
    }
}
