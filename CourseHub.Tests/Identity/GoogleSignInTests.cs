using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Identity;

/// <summary>
/// Sign-in with Google against our OpenID Connect emulator, through the real Api: new accounts, linking an existing
/// account only with its password, the linked logins, and every tampering the relying party must refuse.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GoogleSignInTests(SystemFixture system)
{
    private static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        (await IdentityClient.ProblemAsync(response)).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task A_new_google_address_chooses_its_role_once_then_signs_in_without_a_password_and_cannot_remove_its_only_login()
    {
        using var google = new GoogleDouble(system);
        var email = GoogleEmail("new");

        var code = await google.SignInAtGoogleAsync(email, "Grace Google");
        var needsRole = await google.CompleteAsync(code);
        Assert.Equal(HttpStatusCode.Conflict, needsRole.StatusCode);
        var problem = await IdentityClient.ProblemAsync(needsRole);
        Assert.Equal("registration-required", problem.GetProperty("code").GetString());
        Assert.Equal(email, problem.GetProperty("email").GetString());
        Assert.Equal("Grace Google", problem.GetProperty("name").GetString());
        Assert.Contains("Choose Student or Teacher.", await IdentityClient.FieldErrorsAsync(await google.CompleteAsync(code, role: "Admin"), "role"));

        var tokens = await google.CompleteOkAsync(code, role: "Teacher");
        using var me = await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Grace Google", profile.GetProperty("displayName").GetString());
        Assert.Equal(["Teacher"], profile.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));

        // The completion code worked once.
        Assert.Equal("external-sign-in-expired", await CodeOfAsync(await google.CompleteAsync(code, role: "Teacher")));

        using var logins = await google.Identity.SendAsync(HttpMethod.Get, "/api/me/logins", tokens.AccessToken);
        var listed = await logins.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(listed.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(["google"], listed.GetProperty("logins").EnumerateArray().Select(login => login.GetProperty("provider").GetString()));

        using var removeLast = await google.Identity.SendAsync(HttpMethod.Delete, "/api/me/logins/google", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, removeLast.StatusCode);
        Assert.Equal("last-login", await CodeOfAsync(removeLast));

        // Next time the same Google account goes straight in (no role question), as the same user, with the same role.
        var again = await google.CompleteOkAsync(await google.SignInAtGoogleAsync(email, "Grace Google"));
        using var meAgain = await google.Identity.SendAsync(HttpMethod.Get, "/api/me", again.AccessToken);
        Assert.Equal(profile.GetProperty("id").GetString(), (await meAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        // A Google-only account has no password to sign in with.
        Assert.Equal(HttpStatusCode.Unauthorized, (await google.Identity.LoginAsync(email, "any-password-at-all")).StatusCode);
    }

    [Fact]
    public async Task An_existing_password_account_is_linked_only_after_its_password_is_given()
    {
        using var google = new GoogleDouble(system);
        var email = IdentityClient.NewEmail("linkme");
        var userId = await google.Identity.RegisterAndActivateAsync(email, "correct-horse-battery");

        var code = await google.SignInAtGoogleAsync(email);
        var needsPassword = await google.CompleteAsync(code);
        Assert.Equal(HttpStatusCode.Conflict, needsPassword.StatusCode);
        Assert.Equal("link-requires-password", await CodeOfAsync(needsPassword));
        // A role does not help: an existing account is never taken over by its email alone.
        Assert.Equal("link-requires-password", await CodeOfAsync(await google.CompleteAsync(code, role: "Student")));
        var wrong = await google.CompleteAsync(code, password: "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("wrong-password", await CodeOfAsync(wrong));
        await using (var db = system.CreateDbContext())
        {
            Assert.False(db.UserLogins.Any(login => login.UserId == userId), "nothing is linked before the password was given");
        }

        var tokens = await google.CompleteOkAsync(code, password: "correct-horse-battery");
        using var me = await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken);
        Assert.Equal(userId.ToString(), (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        // From now on Google signs in this account directly.
        var direct = await google.CompleteOkAsync(await google.SignInAtGoogleAsync(email));
        using var logins = await google.Identity.SendAsync(HttpMethod.Get, "/api/me/logins", direct.AccessToken);
        var listed = await logins.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(listed.GetProperty("hasPassword").GetBoolean());
        Assert.Single(listed.GetProperty("logins").EnumerateArray());

        // With a password left, Google can be removed; then the same Google identity asks for the password again.
        using var removed = await google.Identity.SendAsync(HttpMethod.Delete, "/api/me/logins/google", direct.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var removedAgain = await google.Identity.SendAsync(HttpMethod.Delete, "/api/me/logins/google", direct.AccessToken);
        Assert.Equal("not-linked", await CodeOfAsync(removedAgain));
        Assert.Equal("link-requires-password", await CodeOfAsync(await google.CompleteAsync(await google.SignInAtGoogleAsync(email))));
    }

    [Fact]
    public async Task A_signed_in_user_adds_google_from_a_one_time_link_ticket()
    {
        using var google = new GoogleDouble(system);
        var email = IdentityClient.NewEmail("adder");
        await google.Identity.RegisterAndActivateAsync(email);
        var tokens = await google.Identity.LoginOkAsync(email);

        using var started = await google.Identity.SendAsync(HttpMethod.Post, "/api/me/logins/google", tokens.AccessToken, new { });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var path = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var link = IdentityClient.Query(new Uri(google.Api + path))["link"];

        // Another address at Google is fine: the user chose which Google account to add.
        var outcome = await google.CallbackAsync(await google.AuthorizeAsync(await google.StartAsync("/account/security", link), GoogleEmail("other")));
        Assert.Equal("/account/security", outcome.Location.AbsolutePath);
        Assert.Equal("1", outcome.Query.GetValueOrDefault("googleLinked"));
        using var logins = await google.Identity.SendAsync(HttpMethod.Get, "/api/me/logins", tokens.AccessToken);
        Assert.Single((await logins.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logins").EnumerateArray());

        // The ticket worked once.
        var reused = await google.Client.GetAsync($"{google.Api}/api/auth/external/google/start?link={Uri.EscapeDataString(link)}");
        Assert.Equal("link-expired", IdentityClient.Query(reused.Headers.Location!)["googleError"]);
        using var twice = await google.Identity.SendAsync(HttpMethod.Post, "/api/me/logins/google", tokens.AccessToken, new { });
        Assert.Equal("already-linked", await CodeOfAsync(twice));
    }

    [Fact]
    public async Task A_callback_whose_state_differs_from_the_browsers_flow_is_refused()
    {
        using var google = new GoogleDouble(system);
        var callback = await google.AuthorizeAsync(await google.StartAsync(), GoogleEmail("state"));
        var outcome = await google.CallbackAsync(GoogleDouble.WithParameter(callback, "state", "forged-state"));
        Assert.Equal("/account/sign-in", outcome.Location.AbsolutePath);
        Assert.Equal("state-mismatch", outcome.Error);
        // The flow's cookie is spent by that attempt: the genuine callback afterwards finds no flow.
        Assert.Equal("flow-expired", (await google.CallbackAsync(callback)).Error);

        // A callback in a browser that never started a flow (someone else's link) is refused too.
        using var stranger = new GoogleDouble(system);
        var othersCallback = await google.AuthorizeAsync(await google.StartAsync(), GoogleEmail("stranger"));
        Assert.Equal("flow-expired", (await stranger.CallbackAsync(othersCallback)).Error);
    }

    [Fact]
    public async Task An_id_token_with_another_nonce_is_refused()
    {
        using var google = new GoogleDouble(system);
        var authorize = GoogleDouble.WithParameter(await google.StartAsync(), "nonce", "nonce-of-another-sign-in");
        var outcome = await google.CallbackAsync(await google.AuthorizeAsync(authorize, GoogleEmail("nonce")));
        Assert.Equal("nonce-mismatch", outcome.Error);
        Assert.Null(outcome.Code);
    }

    [Fact]
    public async Task A_code_exchange_without_the_matching_pkce_verifier_is_refused()
    {
        using var google = new GoogleDouble(system);
        var start = await google.StartAsync();
        Assert.Equal("S256", IdentityClient.Query(start)["code_challenge_method"]);
        // An attacker's own challenge: the Api's verifier (from the browser's flow) no longer matches it at the token endpoint.
        var authorize = GoogleDouble.WithParameter(start, "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        var outcome = await google.CallbackAsync(await google.AuthorizeAsync(authorize, GoogleEmail("pkce")));
        Assert.Equal("token-exchange-failed", outcome.Error);
        Assert.Null(outcome.Code);
    }

    [Fact]
    public async Task Id_tokens_signed_by_an_unpublished_key_or_for_another_audience_are_refused_and_a_good_one_after_them_works()
    {
        using var google = new GoogleDouble(system);
        await google.NextIdTokenAsync(signWithUnpublishedKey: true);
        Assert.Equal("invalid-id-token", (await google.CallbackAsync(await google.AuthorizeAsync(await google.StartAsync(), GoogleEmail("key")))).Error);

        await google.NextIdTokenAsync(audience: "some-other-client.apps.googleusercontent.com");
        Assert.Equal("invalid-id-token", (await google.CallbackAsync(await google.AuthorizeAsync(await google.StartAsync(), GoogleEmail("aud")))).Error);

        Assert.NotNull(await google.SignInAtGoogleAsync(GoogleEmail("good")));
    }

    [Fact]
    public async Task An_address_google_has_not_verified_does_not_sign_in()
    {
        using var google = new GoogleDouble(system);
        var outcome = await google.CallbackAsync(await google.AuthorizeAsync(await google.StartAsync(), GoogleEmail("unverified"), emailVerified: false));
        Assert.Equal("email-not-verified", outcome.Error);
    }

    [Fact]
    public async Task The_emulator_refuses_a_wrong_client_secret_and_a_reused_code()
    {
        using var google = new GoogleDouble(system);
        var start = await google.StartAsync();
        var callback = await google.AuthorizeAsync(start, GoogleEmail("direct"));
        var query = IdentityClient.Query(start);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = IdentityClient.Query(callback)["code"],
            ["redirect_uri"] = query["redirect_uri"],
            ["client_id"] = query["client_id"],
            ["client_secret"] = "wrong",
            ["code_verifier"] = new string('a', 43),
        };
        using var wrongSecret = await google.Client.PostAsync($"{google.Emulator}/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await wrongSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // The Api's own exchange then works (the refused request did not spend the code), and nothing can exchange it again.
        Assert.NotNull((await google.CallbackAsync(callback)).Code);
        form["client_secret"] = system.Project("api").Environment["Authentication__Google__ClientSecret"];
        using var reused = await google.Client.PostAsync($"{google.Emulator}/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static string GoogleEmail(string prefix) => GoogleDouble.GoogleEmail(prefix);
}
