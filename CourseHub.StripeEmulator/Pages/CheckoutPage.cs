using System.Globalization;
using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.Checkout;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Pages;

/// <summary>The hosted Checkout page at a session's url: shows what is bought and takes a test card.</summary>
public static class CheckoutPage
{
    private sealed record CardForm(string Email, string Number, string Expiry, string Cvc, string Name);

    public static void MapCheckoutPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/pay/{id}", (string id, EmulatorStore store) => Render(store, id, null, null, null));

        app.MapPost("/c/pay/{id}", async (string id, HttpContext http, EmulatorStore store) =>
        {
            var form = await http.Request.ReadFormAsync();
            var card = new CardForm(form["email"].ToString().Trim(), form["cardnumber"].ToString().Trim(), form["exp-date"].ToString().Trim(),
                form["cvc"].ToString().Trim(), form["ccname"].ToString().Trim());
            var errors = Validate(card, store.Time.GetUtcNow());
            if (errors.Count > 0)
            {
                return Render(store, id, card, errors, null);
            }
            try
            {
                var session = CheckoutPayments.Pay(store, id, card.Number, null, card.Email, card.Name);
                return new SeeOther(SuccessUrl(session));
            }
            catch (StripeApiException error) when (error.Type == "card_error")
            {
                return Render(store, id, card, error.Code == "incorrect_number" ? new() { ["cardnumber"] = error.Message } : [], error.Message);
            }
            catch (StripeApiException)
            {
                // No longer open (paid in another tab, or expired meanwhile): the page says which.
                return Render(store, id, null, null, null);
            }
        });
    }

    public static string SuccessUrl(CheckoutSession session) => session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal);

    private static Dictionary<string, string> Validate(CardForm card, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>();
        if (card.Email.Length == 0 || !card.Email.Contains('@') || card.Email.StartsWith('@') || card.Email.EndsWith('@'))
        {
            errors["email"] = "Your email is incomplete.";
        }
        if (!TestCards.IsValidNumber(TestCards.Normalize(card.Number)))
        {
            errors["cardnumber"] = card.Number.Length == 0 ? "Your card number is incomplete." : "Your card number is invalid.";
        }
        var expiry = new string(card.Expiry.Where(char.IsAsciiDigit).ToArray());
        if (expiry.Length != 4 || !int.TryParse(expiry[..2], CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            errors["exp-date"] = "Your card's expiration date is incomplete.";
        }
        else
        {
            var year = 2000 + int.Parse(expiry[2..], CultureInfo.InvariantCulture);
            if (year < now.Year || (year == now.Year && month < now.Month))
            {
                errors["exp-date"] = "Your card's expiration year is in the past.";
            }
        }
        if (card.Cvc.Length is < 3 or > 4 || !card.Cvc.All(char.IsAsciiDigit))
        {
            errors["cvc"] = "Your card's security code is incomplete.";
        }
        if (card.Name.Length == 0)
        {
            errors["ccname"] = "Enter the name on your card.";
        }
        return errors;
    }

    private static IResult Render(EmulatorStore store, string id, CardForm? card, Dictionary<string, string>? errors, string? declined)
    {
        var record = store.Read(state => state.Sessions.GetValueOrDefault(id));
        if (record is null)
        {
            return Html.Page("Not found", "<h1>This checkout page does not exist.</h1><p>Check the link, or start again from the shop.</p>", 404);
        }
        var session = record.Session;
        var amount = Money.Format(session.AmountTotal, session.Currency);
        var items = string.Concat(record.LineItems.Select(item =>
            $"<h1>{Html.Encode(item.Name)}</h1>" + (item.Description is null ? "" : $"<p class=\"description\">{Html.Encode(item.Description)}</p>")
            + (item.Quantity > 1 ? $"<p class=\"description\">Qty {item.Quantity} × {Html.Encode(Money.Format(item.UnitAmount, session.Currency))}</p>" : "")));
        var back = session.CancelUrl is null ? "" : $"<a class=\"back\" href=\"{Html.Encode(session.CancelUrl)}\">← Back</a>";
        var summary = $"{back}{items}<p class=\"amount\">{Html.Encode(amount)}</p>";

        if (session.Status == "complete")
        {
            return Html.Page("Payment complete", $"{summary}<div class=\"notice\" role=\"status\"><p>This payment is complete. Thank you!</p>"
                + $"<p><a href=\"{Html.Encode(SuccessUrl(session))}\">Return to the shop</a></p></div>");
        }
        if (session.Status == "expired" || session.ExpiresAt <= store.Time.GetUtcNow().ToUnixTimeSeconds())
        {
            var link = session.CancelUrl ?? SuccessUrl(session);
            return Html.Page("Session expired", $"{summary}<div class=\"notice\" role=\"status\"><p>This checkout session has expired.</p>"
                + $"<p><a href=\"{Html.Encode(link)}\">Return to the shop</a></p></div>");
        }

        errors ??= [];
        var alert = declined is null ? "" : $"<p class=\"alert\" role=\"alert\">{Html.Encode(declined)}</p>";
        var form = $"""
            <form method="post" action="/c/pay/{Html.Encode(session.Id)}" novalidate>
            {alert}
            {Html.Field("email", "Email", card?.Email ?? session.CustomerEmail ?? "", errors.GetValueOrDefault("email"), "type=\"email\" autocomplete=\"email\" required")}
            {Html.Field("cardnumber", "Card number", card?.Number ?? "", errors.GetValueOrDefault("cardnumber"), "inputmode=\"numeric\" autocomplete=\"cc-number\" placeholder=\"1234 1234 1234 1234\" required", "Test card: 4242 4242 4242 4242")}
            <div class="row">
            <div>{Html.Field("exp-date", "Expiry (MM / YY)", card?.Expiry ?? "", errors.GetValueOrDefault("exp-date"), "inputmode=\"numeric\" autocomplete=\"cc-exp\" placeholder=\"MM / YY\" required")}</div>
            <div>{Html.Field("cvc", "CVC", card?.Cvc ?? "", errors.GetValueOrDefault("cvc"), "inputmode=\"numeric\" autocomplete=\"cc-csc\" placeholder=\"123\" required")}</div>
            </div>
            {Html.Field("ccname", "Name on card", card?.Name ?? "", errors.GetValueOrDefault("ccname"), "autocomplete=\"cc-name\" required")}
            <button type="submit">Pay {Html.Encode(amount)}</button>
            </form>
            """;
        return Html.Page("Pay " + amount, summary + form);
    }
}
