using CourseHub.StripeEmulator.Connect;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Pages;

/// <summary>The hosted Connect onboarding form at an account link's url; single use, and only until the link expires.</summary>
public static class OnboardingPage
{
    private static readonly (string Code, string Name)[] Countries =
        [("US", "United States"), ("GB", "United Kingdom"), ("DE", "Germany"), ("FR", "France"), ("NL", "Netherlands"),
         ("ES", "Spain"), ("IT", "Italy"), ("IE", "Ireland"), ("JP", "Japan"), ("CA", "Canada"), ("AU", "Australia")];

    public static void MapOnboardingPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/setup/e/{token}", (string token, EmulatorStore store) =>
            Usable(store, token, out var link, out var account) is { } unusable ? unusable : Render(link!, account!, null, null, []));

        app.MapPost("/setup/e/{token}", async (string token, HttpContext http, EmulatorStore store) =>
        {
            if (Usable(store, token, out var link, out var account) is { } unusable)
            {
                return unusable;
            }
            var form = await http.Request.ReadFormAsync();
            var legalName = form["legal_name"].ToString().Trim();
            var country = form["country"].ToString().Trim().ToUpperInvariant();
            var bankAccount = form["bank_account"].ToString().Trim();
            var errors = new Dictionary<string, string>();
            if (legalName.Length == 0)
            {
                errors["legal_name"] = "Enter your legal name.";
            }
            if (!Countries.Any(known => known.Code == country))
            {
                errors["country"] = "Choose a country.";
            }
            if (bankAccount != Accounts.TestBankAccount)
            {
                errors["bank_account"] = $"Use the test account number {Accounts.TestBankAccount}.";
            }
            if (errors.Count > 0)
            {
                return Render(link!, account!, legalName, country, errors);
            }
            store.Change(change =>
            {
                change.State.AccountLinks[token].Used = true;
                return Accounts.Onboard(change, link!.Account, legalName, country);
            });
            return new SeeOther(link!.ReturnUrl);
        });
    }

    /// <summary>Null when the link may be used; otherwise where to send the browser (refresh_url for a spent link, as Stripe does).</summary>
    private static IResult? Usable(EmulatorStore store, string token, out AccountLinkRecord? link, out Account? account)
    {
        var now = store.Time.GetUtcNow().ToUnixTimeSeconds();
        (link, account) = store.Read(state => state.AccountLinks.GetValueOrDefault(token) is { } found
            ? (found, state.Accounts.GetValueOrDefault(found.Account))
            : ((AccountLinkRecord?)null, (Account?)null));
        if (link is null || account is null)
        {
            return Html.Page("Not found", "<h1>This onboarding link does not exist.</h1>", 404);
        }
        return link.Used || link.ExpiresAt <= now ? Results.Redirect(link.RefreshUrl) : null;
    }

    private static IResult Render(AccountLinkRecord link, Account account, string? legalName, string? country, Dictionary<string, string> errors)
    {
        var selected = country ?? account.Country;
        var options = string.Concat(Countries.Select(known =>
            $"<option value=\"{known.Code}\"{(known.Code == selected ? " selected" : "")}>{Html.Encode(known.Name)}</option>"));
        var countryError = errors.GetValueOrDefault("country");
        var body = $"""
            <h1>Set up payouts</h1>
            <p class="description">{Html.Encode(account.Email ?? account.Id)} · Stripe Express (test mode)</p>
            <form method="post" action="/setup/e/{Html.Encode(link.Token)}" novalidate>
            {Html.Field("legal_name", "Legal name", legalName ?? account.BusinessProfile.Name ?? "", errors.GetValueOrDefault("legal_name"), "autocomplete=\"name\" required")}
            <label for="country">Country</label>
            <select id="country" name="country"{(countryError is null ? "" : " aria-invalid=\"true\" aria-describedby=\"country-error\"")}>{options}</select>
            {(countryError is null ? "" : $"<p class=\"field-error\" id=\"country-error\">{Html.Encode(countryError)}</p>")}
            {Html.Field("bank_account", "Bank account number", Accounts.TestBankAccount, errors.GetValueOrDefault("bank_account"), "inputmode=\"numeric\" required", $"Test account: {Accounts.TestBankAccount}")}
            <button type="submit">Submit</button>
            </form>
            """;
        return Html.Page("Set up payouts", body);
    }
}
