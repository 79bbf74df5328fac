using System.Security.Cryptography;
using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Connect;

/// <summary>Connect accounts, their onboarding links, and finishing onboarding.</summary>
public static class Accounts
{
    public const string TestBankAccount = "000123456789";

    private static readonly HashSet<string> Types = ["express", "standard", "custom"];

    private static readonly Dictionary<string, string> CurrencyByCountry = new()
    {
        ["US"] = "usd", ["GB"] = "gbp", ["JP"] = "jpy", ["CA"] = "cad", ["AU"] = "aud", ["NZ"] = "nzd", ["CH"] = "chf",
        ["SE"] = "sek", ["DK"] = "dkk", ["NO"] = "nok", ["PL"] = "pln", ["IN"] = "inr", ["SG"] = "sgd", ["BR"] = "brl", ["MX"] = "mxn",
    };

    private static readonly HashSet<string> Eurozone = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];

    // What Stripe asks of a new Express account before it may take charges and receive payouts.
    private static readonly string[] OnboardingRequirements =
        ["business_profile.url", "business_type", "external_account", "individual.first_name", "individual.last_name", "tos_acceptance.date", "tos_acceptance.ip"];

    public static string DefaultCurrency(string country) =>
        CurrencyByCountry.GetValueOrDefault(country) ?? (Eurozone.Contains(country) ? "eur" : "usd");

    public static Account Create(EmulatorStore store, StripeParams parameters)
    {
        var type = parameters.Get("type") ?? "express";
        if (!Types.Contains(type))
        {
            throw StripeApiException.InvalidParam("type", $"Invalid type: must be one of {string.Join(", ", Types)}.");
        }
        var country = (parameters.Get("country") ?? "US").ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw StripeApiException.InvalidParam("country", $"Country '{country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US'.");
        }
        var capabilities = new Dictionary<string, string>();
        foreach (var capability in new[] { "card_payments", "transfers" })
        {
            if (parameters.Bool($"capabilities[{capability}][requested]"))
            {
                capabilities[capability] = "inactive";
            }
        }
        return store.Change(change =>
        {
            var account = new Account
            {
                Id = Ids.New("acct"),
                Created = change.Now,
                Type = type,
                Email = parameters.Get("email"),
                Country = country,
                DefaultCurrency = DefaultCurrency(country),
                BusinessType = parameters.Get("business_type"),
                Capabilities = capabilities,
                Requirements = new AccountRequirements { CurrentlyDue = [.. OnboardingRequirements], EventuallyDue = [.. OnboardingRequirements] },
                Metadata = parameters.Hash("metadata"),
            };
            change.State.Accounts[account.Id] = account;
            return account;
        });
    }

    public static AccountLink CreateLink(EmulatorStore store, StripeParams parameters, string publicBase)
    {
        var accountId = parameters.Required("account");
        var refreshUrl = parameters.Required("refresh_url");
        var returnUrl = parameters.Required("return_url");
        var type = parameters.Required("type");
        if (type is not ("account_onboarding" or "account_update"))
        {
            throw StripeApiException.InvalidParam("type", "Invalid type: must be one of account_onboarding, account_update.");
        }
        return store.Change(change =>
        {
            if (!change.State.Accounts.ContainsKey(accountId))
            {
                throw StripeApiException.NoSuch("account", accountId, "account");
            }
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var link = new AccountLinkRecord
            {
                Token = token,
                Account = accountId,
                RefreshUrl = refreshUrl,
                ReturnUrl = returnUrl,
                // Stripe's links last a few minutes and are single use.
                ExpiresAt = change.Now + 300,
            };
            change.State.AccountLinks[token] = link;
            return new AccountLink { Created = change.Now, ExpiresAt = link.ExpiresAt, Url = $"{publicBase}/setup/e/{token}" };
        });
    }

    /// <summary>Everything onboarding would collect is in: the account may take charges and receive payouts.</summary>
    public static Account Onboard(StateChange change, string accountId, string? legalName, string? country)
    {
        var account = change.State.Accounts.GetValueOrDefault(accountId) ?? throw StripeApiException.NoSuch("account", accountId);
        if (!string.IsNullOrWhiteSpace(legalName))
        {
            account.BusinessProfile.Name = legalName.Trim();
        }
        if (!string.IsNullOrWhiteSpace(country) && country != account.Country)
        {
            account.Country = country;
            account.DefaultCurrency = DefaultCurrency(country);
        }
        account.DetailsSubmitted = true;
        account.ChargesEnabled = true;
        account.PayoutsEnabled = true;
        account.Capabilities = new[] { "card_payments", "transfers" }
            .Concat(account.Capabilities.Keys).Distinct().ToDictionary(capability => capability, _ => "active");
        account.Requirements = new AccountRequirements();
        change.Raise("account.updated", account);
        return account;
    }
}
