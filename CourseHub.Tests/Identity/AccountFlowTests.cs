using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using OtpNet;

namespace CourseHub.Tests.Identity;

[Collection(SystemCollection.Name)]
public sealed class AccountFlowTests(SystemFixture system) : IDisposable
{
    private readonly IdentityClient _client = new(system);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Sign_up_activate_sign_in_refresh_and_sign_out()
    {
        var email = IdentityClient.NewEmail("flow");
        var registered = await _client.RegisterAsync(email, role: "Teacher");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        // Not before the email is confirmed.
        var early = await _client.LoginAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.True((await IdentityClient.ProblemAsync(early)).GetProperty("emailNotConfirmed").GetBoolean());

        // The activation mail went through the outbox, RabbitMQ and the Worker to the SMTP server.
        var link = await _client.WaitForLinkAsync(email, "Activate your CourseHub account");
        Assert.Equal("/account/confirm", link.AbsolutePath);
        Assert.StartsWith(system.Project("web").Url, link.ToString());
        var query = IdentityClient.Query(link);
        var badToken = await _client.Http.PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"], token = "bm90LWEtdG9rZW4" });
        Assert.Contains("invalid", (await IdentityClient.FieldErrorsAsync(badToken, "token"))[0]);
        var confirmed = await _client.Http.PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"], token = query["token"] });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        var tokens = await _client.LoginOkAsync(email);
        Assert.InRange(tokens.ExpiresIn, 60, 15 * 60);
        var me = await _client.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Teacher", profile.GetProperty("roles")[0].GetString());

        // Refresh rotates: the new pair works, the old refresh token does not.
        var refreshed = await _client.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(tokens.RefreshToken, next.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/api/me", next.AccessToken)).StatusCode);

        // Sign-out revokes the session.
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = next.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(next.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Registration_validates_input_and_answers_a_duplicate_email_like_a_new_one()
    {
        var email = IdentityClient.NewEmail("dup");
        var weak = await _client.RegisterAsync(email, password: "short");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(weak, "password"));
        var emailAsPassword = await _client.RegisterAsync(email, password: email);
        Assert.Contains("email", (await IdentityClient.FieldErrorsAsync(emailAsPassword, "password"))[0]);
        var badRole = await _client.RegisterAsync(email, role: "Admin");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(badRole, "role"));

        Assert.Equal(HttpStatusCode.Created, (await _client.RegisterAsync(email)).StatusCode);
        // No probing for registered addresses: the owner is told by email instead (AccountProtectionTests).
        var duplicate = await _client.RegisterAsync(email.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Created, duplicate.StatusCode);
        Assert.Contains("Check your inbox", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Reusing_a_refresh_token_revokes_the_whole_family()
    {
        var email = IdentityClient.NewEmail("reuse");
        await _client.RegisterAndActivateAsync(email);
        var first = await _client.LoginOkAsync(email);
        var second = (await (await _client.RefreshAsync(first.RefreshToken)).Content.ReadFromJsonAsync<Tokens>())!;
        var other = await _client.LoginOkAsync(email);

        // An attacker replays the first token: refused, and the legitimate successor dies with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(second.RefreshToken)).StatusCode);
        // Another session (another family) is untouched, until sign-out everywhere.
        var otherNext = (await (await _client.RefreshAsync(other.RefreshToken)).Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Post, "/api/auth/logout-all", otherNext.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(otherNext.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var email = IdentityClient.NewEmail("lockout");
        await _client.RegisterAndActivateAsync(email);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.LoginAsync(email, "wrong-password")).StatusCode);
        }
        var fifth = await _client.LoginAsync(email, "wrong-password");
        Assert.Equal((HttpStatusCode)423, fifth.StatusCode);

        // Even the right password is refused for 15 minutes.
        var locked = await _client.LoginAsync(email);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single()), 13 * 60, 15 * 60);
    }

    [Fact]
    public async Task Auth_endpoints_are_rate_limited_per_client_address()
    {
        // The default limit is 20 per fixed 60 s window; if a window boundary falls inside the loop, up to 40 may pass.
        // A new address each time: this is the limit per client address, not the one per account.
        var accepted = 0;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 45 && limited is null; i++)
        {
            var response = await _client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = IdentityClient.NewEmail("nobody") });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                accepted++;
            }
        }
        Assert.NotNull(limited);
        Assert.InRange(accepted, 20, 40);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(429, (await IdentityClient.ProblemAsync(limited)).GetProperty("status").GetInt32());

        // Another client address is not affected.
        using var other = new IdentityClient(system);
        Assert.Equal(HttpStatusCode.Accepted, (await other.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = IdentityClient.NewEmail("nobody") })).StatusCode);
    }

    [Fact]
    public async Task Common_passwords_and_ones_containing_the_name_or_email_are_refused_at_sign_up_and_change()
    {
        // NIST SP 800-63B: the bundled common-password list (case does not help, nor digits added at the end)...
        foreach (var listed in new[] { "password", "Password123!", "qwertyuiop" })
        {
            var refused = await _client.RegisterAsync(IdentityClient.NewEmail("common"), password: listed);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("common", (await IdentityClient.FieldErrorsAsync(refused, "password"))[0]);
        }
        // ...and the account's own name or email.
        var personal = await _client.RegisterAsync(IdentityClient.NewEmail("personal"), password: "okafor-rides-bikes", displayName: "Ada Okafor");
        Assert.Contains("name", (await IdentityClient.FieldErrorsAsync(personal, "password"))[0]);

        // The same rules when a signed-in user changes the password; the answer names the field.
        var email = IdentityClient.NewEmail("change-rules");
        await _client.RegisterAndActivateAsync(email);
        var session = await _client.LoginOkAsync(email);
        var common = await _client.SendAsync(HttpMethod.Put, "/api/me/password", session.AccessToken,
            new { currentPassword = "correct-horse-battery", newPassword = "iloveyou2024" });
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("common", (await IdentityClient.FieldErrorsAsync(common, "newPassword"))[0]);
        // Nothing changed: the old password still signs in.
        await _client.LoginOkAsync(email);
    }

    [Fact]
    public async Task Password_change_and_reset_end_other_sessions()
    {
        // Not "password-…": the passwords below contain "password", and a password may not contain a word of the email.
        var email = IdentityClient.NewEmail("credentials");
        await _client.RegisterAndActivateAsync(email);
        var session = await _client.LoginOkAsync(email);

        var wrong = await _client.SendAsync(HttpMethod.Put, "/api/me/password", session.AccessToken,
            new { currentPassword = "not-it-at-all", newPassword = "another-good-one" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(wrong, "currentPassword"));
        var changed = await _client.SendAsync(HttpMethod.Put, "/api/me/password", session.AccessToken,
            new { currentPassword = "correct-horse-battery", newPassword = "another-good-one" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(session.RefreshToken)).StatusCode);
        var second = await _client.LoginOkAsync(email, "another-good-one");

        // Forgot → email → reset.
        Assert.Equal(HttpStatusCode.Accepted, (await _client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email })).StatusCode);
        var link = await _client.WaitForLinkAsync(email, "Reset your CourseHub password");
        Assert.Equal("/account/reset-password", link.AbsolutePath);
        var query = IdentityClient.Query(link);
        var reset = await _client.Http.PostAsJsonAsync("/api/auth/reset-password", new { email = query["email"], token = query["token"], newPassword = "third-password-here" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(second.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.LoginAsync(email, "another-good-one")).StatusCode);
        await _client.LoginOkAsync(email, "third-password-here");
        // The link works once.
        var again = await _client.Http.PostAsJsonAsync("/api/auth/reset-password", new { email = query["email"], token = query["token"], newPassword = "fourth-password-here" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(again, "token"));
    }

    [Fact]
    public async Task Profile_validates_the_time_zone_and_avatar_is_checked_by_content()
    {
        var email = IdentityClient.NewEmail("profile");
        var userId = await _client.RegisterAndActivateAsync(email);
        var tokens = await _client.LoginOkAsync(email);

        var badZone = await _client.SendAsync(HttpMethod.Put, "/api/me", tokens.AccessToken, new { displayName = "Ada", bio = "Hi", timeZone = "Mars/Olympus" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(badZone, "timeZone"));
        var updated = await _client.SendAsync(HttpMethod.Put, "/api/me", tokens.AccessToken, new { displayName = "Ada", bio = "Teaches maths", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Europe/Paris", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString());

        // A text file named like an image is refused.
        var fake = await UploadAsync(tokens.AccessToken, "<?php echo 'hi'; ?>"u8.ToArray(), "avatar.png", "image/png");
        Assert.Contains("JPEG, PNG or WebP", (await IdentityClient.FieldErrorsAsync(fake, "file"))[0]);
        var tooBig = await UploadAsync(tokens.AccessToken, [.. Png, .. new byte[2 * 1024 * 1024]], "big.png", "image/png");
        Assert.Contains("2 MB", (await IdentityClient.FieldErrorsAsync(tooBig, "file"))[0]);

        // A real PNG is accepted whatever its name says, stored in blob storage and served back.
        var accepted = await UploadAsync(tokens.AccessToken, Png, "photo.txt", "text/plain");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var avatarUrl = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("avatarUrl").GetString()!;
        Assert.StartsWith($"/api/users/{userId}/avatar", avatarUrl);
        var image = await _client.Http.GetAsync(avatarUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Two_factor_setup_sign_in_with_code_recovery_code_and_disable()
    {
        var email = IdentityClient.NewEmail("totp");
        await _client.RegisterAndActivateAsync(email);
        var tokens = await _client.LoginOkAsync(email);

        var setup = await (await _client.SendAsync(HttpMethod.Post, "/api/me/2fa/setup", tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/CourseHub", setup.GetProperty("otpauthUri").GetString());
        var totp = new Totp(Base32Encoding.ToBytes(key));

        var wrong = await _client.SendAsync(HttpMethod.Post, "/api/me/2fa/enable", tokens.AccessToken, new { code = "000000" == totp.ComputeTotp() ? "111111" : "000000" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(wrong, "code"));
        var enableCode = totp.ComputeTotp();
        var enabled = await _client.SendAsync(HttpMethod.Post, "/api/me/2fa/enable", tokens.AccessToken, new { code = enableCode });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recovery = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(code => code.GetString()!).ToList();
        Assert.Equal(10, recovery.Count);

        var withoutCode = await _client.LoginAsync(email);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((await IdentityClient.ProblemAsync(withoutCode)).GetProperty("twoFactorRequired").GetBoolean());
        // A code works once (the one that turned two-factor on is spent): sign in with the next step's.
        await _client.LoginOkAsync(email, twoFactorCode: await AccountProtectionTests.NextCodeAsync(totp, enableCode));
        var viaRecovery = await _client.LoginOkAsync(email, twoFactorCode: recovery[0]);
        // A recovery code works once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.LoginAsync(email, twoFactorCode: recovery[0])).StatusCode);

        var disabled = await _client.SendAsync(HttpMethod.Post, "/api/me/2fa/disable", viaRecovery.AccessToken, new { password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        await _client.LoginOkAsync(email);
    }

    [Fact]
    public async Task Activation_mail_arrives_even_when_the_mail_server_was_down_at_registration()
    {
        await system.StopAsync("mail");
        var email = IdentityClient.NewEmail("maildown");
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.RegisterAsync(email)).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await system.StartAsync("mail");
            await system.WaitForHealthyAsync("mail", TimeSpan.FromSeconds(60));
        }
        await _client.WaitForLinkAsync(email, "Activate your CourseHub account", TimeSpan.FromSeconds(120));
    }

    private async Task<HttpResponseMessage> UploadAsync(string accessToken, byte[] content, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/me/avatar") { Content = form };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return await _client.Http.SendAsync(request);
    }

    /// <summary>A 1×1 PNG.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
