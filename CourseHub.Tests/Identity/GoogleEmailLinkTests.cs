using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using OtpNet;

namespace CourseHub.Tests.Identity;

/// <summary>
/// Linking Google to an existing email-and-password account by the emailed link instead of the password: the matching
/// verified address alone links nothing; the link, sent to the account's address, links once and signs in.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GoogleEmailLinkTests(SystemFixture system)
{
    public const string Subject = "Confirm adding Google sign-in to your CourseHub account";

    private static async Task<JsonElement> LoginsAsync(GoogleDouble google, string accessToken) =>
        await (await google.Identity.SendAsync(HttpMethod.Get, "/api/me/logins", accessToken)).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task The_emailed_link_links_google_once_and_signs_in_and_asking_for_it_links_nothing()
    {
        using var google = new GoogleDouble(system);
        var email = IdentityClient.NewEmail("emaillink");
        await google.Identity.RegisterAndActivateAsync(email);

        var code = await google.SignInAtGoogleAsync(email, "Mail Linker");
        Assert.Equal("link-requires-password", (await IdentityClient.ProblemAsync(await google.CompleteAsync(code))).GetProperty("code").GetString());
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(
            await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/link-email", new { code = "" }), "code"));
        var asked = await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/link-email", new { code });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        // The callback's code is spent by asking: it no longer completes anything, with or without the password.
        Assert.Equal(HttpStatusCode.Unauthorized, (await google.CompleteAsync(code, password: "correct-horse-battery")).StatusCode);

        var link = await google.Identity.WaitForLinkAsync(email, Subject);
        Assert.Equal("/account/google/confirm-link", link.AbsolutePath);
        // Until the link is used nothing is linked: signing in with Google still asks for proof.
        var password = await google.Identity.LoginOkAsync(email);
        Assert.Empty((await LoginsAsync(google, password.AccessToken)).GetProperty("logins").EnumerateArray());
        var meanwhile = await google.SignInAtGoogleAsync(email, "Mail Linker");
        Assert.Equal("link-requires-password", (await IdentityClient.ProblemAsync(await google.CompleteAsync(meanwhile))).GetProperty("code").GetString());

        var token = IdentityClient.Query(link)["token"];
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(
            await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token = token + "x" }), "token"));
        var confirmed = await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var tokens = (await confirmed.Content.ReadFromJsonAsync<Tokens>())!;
        var me = await (await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal("google", Assert.Single((await LoginsAsync(google, tokens.AccessToken)).GetProperty("logins").EnumerateArray()).GetProperty("provider").GetString());

        // The link works once; Google now signs the account in by itself.
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(
            await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token }), "token"));
        await google.CompleteOkAsync(await google.SignInAtGoogleAsync(email, "Mail Linker"));
    }

    [Fact]
    public async Task A_google_sign_in_that_needs_no_link_gets_no_link_email()
    {
        using var google = new GoogleDouble(system);
        // A new address (no account): there is nothing to link to.
        var code = await google.SignInAtGoogleAsync(GoogleDouble.GoogleEmail("nolink"), "No Account");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(
            await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/link-email", new { code }), "code"));
        // A code that was never issued: expired.
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/link-email", new { code = "never-issued" })).StatusCode);
    }

    [Fact]
    public async Task An_account_with_two_factor_on_gives_its_code_before_the_emailed_link_links_google()
    {
        using var google = new GoogleDouble(system);
        var email = IdentityClient.NewEmail("emaillink2fa");
        await google.Identity.RegisterAndActivateAsync(email);
        var signedIn = await google.Identity.LoginOkAsync(email);
        var setup = await (await google.Identity.SendAsync(HttpMethod.Post, "/api/me/2fa/setup", signedIn.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.GetProperty("sharedKey").GetString()!));
        var enabled = await google.Identity.SendAsync(HttpMethod.Post, "/api/me/2fa/enable", signedIn.AccessToken, new { code = totp.ComputeTotp() });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCode = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes")[0].GetString()!;

        var code = await google.SignInAtGoogleAsync(email, "Two Factor Linker");
        Assert.Equal(HttpStatusCode.Accepted, (await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/link-email", new { code })).StatusCode);
        var token = IdentityClient.Query(await google.Identity.WaitForLinkAsync(email, Subject))["token"];

        // The link alone is not enough for an account with 2FA on; asking for the code does not spend the link.
        var needsCode = await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token });
        Assert.Equal(HttpStatusCode.Unauthorized, needsCode.StatusCode);
        Assert.Equal("two-factor-required", (await IdentityClient.ProblemAsync(needsCode)).GetProperty("code").GetString());
        var wrong = await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token, twoFactorCode = "not-a-code" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty((await LoginsAsync(google, signedIn.AccessToken)).GetProperty("logins").EnumerateArray());

        var confirmed = await google.Identity.Http.PostAsJsonAsync("/api/auth/external/google/confirm-link", new { token, twoFactorCode = recoveryCode });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var tokens = (await confirmed.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Single((await LoginsAsync(google, tokens.AccessToken)).GetProperty("logins").EnumerateArray());
    }
}
