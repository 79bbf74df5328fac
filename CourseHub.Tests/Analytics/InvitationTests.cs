using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Analytics;

/// <summary>
/// "Add member" by email: the admin invites, the invitee's email (read in MailDev) carries a single-use link that sets a
/// password and signs in with the invited role; pending invitations are listed, revoked and resent; registered addresses,
/// used, replaced and expired links are refused naming their field.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class InvitationTests(SystemFixture system)
{
    private const string Subject = "You are invited to CourseHub";
    private const string Password = "a-new-member-password";

    [Fact]
    public async Task An_invited_member_sets_a_password_once_and_is_signed_in_with_the_role()
    {
        using var admin = await system.AdminAsync();
        var email = IdentityClient.NewEmail("invited-teacher");
        var invited = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/invitations", new { email, displayName = "Invited Teacher", role = "teacher" }, HttpStatusCode.Created);
        var id = invited.GetProperty("id").GetGuid();
        Assert.Equal("pending", invited.GetProperty("status").GetString());
        Assert.Equal("Teacher", invited.GetProperty("role").GetString());

        // Listed as pending until accepted.
        Assert.Contains(await PendingAsync(admin), i => i.GetProperty("id").GetGuid() == id);
        var token = await TokenFromMailAsync(email, 1);

        using var invitee = new IdentityClient(system);
        var preview = await invitee.Http.PostAsJsonAsync("/api/invitations/lookup", new { token });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var offered = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, offered.GetProperty("email").GetString());
        Assert.Equal("Invited Teacher", offered.GetProperty("displayName").GetString());

        // A password the rules refuse names the field and leaves the link usable.
        var weak = await invitee.Http.PostAsJsonAsync("/api/invitations/accept", new { token, password = "short" });
        await AssertFieldAsync(weak, HttpStatusCode.BadRequest, "password");

        var accepted = await invitee.Http.PostAsJsonAsync("/api/invitations/accept", new { token, password = Password });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var tokens = (await accepted.Content.ReadFromJsonAsync<Tokens>())!;
        using var member = new StudioUser(invitee, email, tokens.AccessToken);
        var me = await member.OkJsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal("Invited Teacher", me.GetProperty("displayName").GetString());
        Assert.Contains("Teacher", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // A teacher route answers (a student's token would be a 403), and the password signs in like any other.
        Assert.Equal(HttpStatusCode.OK, (await member.SendAsync(HttpMethod.Get, "/api/teach/courses")).StatusCode);
        await new IdentityClient(system).LoginOkAsync(email, Password);

        // Single use: the link does nothing a second time, and the invitation has left the pending list.
        var again = await new IdentityClient(system).Http.PostAsJsonAsync("/api/invitations/accept", new { token, password = "another-password-here" });
        await AssertFieldAsync(again, HttpStatusCode.BadRequest, "token");
        Assert.DoesNotContain(await PendingAsync(admin), i => i.GetProperty("id").GetGuid() == id);
        var all = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/invitations?status=accepted");
        Assert.Contains(all.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id && i.GetProperty("status").GetString() == "accepted");
        // Now registered: inviting the address again is a 409 naming the field; revoking the accepted one is refused.
        var twice = await admin.SendAsync(HttpMethod.Post, "/api/admin/invitations", new { email, displayName = "Again", role = "Student" });
        var problem = await AssertFieldAsync(twice, HttpStatusCode.Conflict, "email");
        Assert.Equal("email-registered", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/invitations/{id}")).StatusCode);
        var audit = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/audit?action=invitation.created&pageSize=50");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("details").GetString()!.Contains(email));
    }

    [Fact]
    public async Task A_resent_invitation_replaces_the_link_a_revoked_or_expired_one_stops_working()
    {
        using var admin = await system.AdminAsync();
        var email = IdentityClient.NewEmail("invited-student");
        var invited = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/invitations", new { email, displayName = "Invited Student", role = "Student" }, HttpStatusCode.Created);
        var id = invited.GetProperty("id").GetGuid();
        var first = await TokenFromMailAsync(email, 1);

        // A second invitation of a pending address is refused (resend instead).
        var duplicate = await admin.SendAsync(HttpMethod.Post, "/api/admin/invitations", new { email, displayName = "Twice", role = "Student" });
        Assert.Equal("already-invited", (await AssertFieldAsync(duplicate, HttpStatusCode.Conflict, "email")).GetProperty("code").GetString());

        var resent = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/invitations/{id}/resend");
        Assert.Equal(2, resent.GetProperty("sendCount").GetInt32());
        var second = await TokenFromMailAsync(email, 2);
        Assert.NotEqual(first, second);
        using var invitee = new IdentityClient(system);
        await AssertFieldAsync(await invitee.Http.PostAsJsonAsync("/api/invitations/lookup", new { token = first }), HttpStatusCode.BadRequest, "token");
        Assert.Equal(HttpStatusCode.OK, (await invitee.Http.PostAsJsonAsync("/api/invitations/lookup", new { token = second })).StatusCode);

        // Expired (its time moved into the past): listed as expired, its link refused; a resend gives a working one again.
        await using (var db = system.CreateDbContext())
        {
            await db.Invitations.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        Assert.Contains(await PendingAsync(admin), i => i.GetProperty("id").GetGuid() == id && i.GetProperty("status").GetString() == "expired");
        await AssertFieldAsync(await invitee.Http.PostAsJsonAsync("/api/invitations/accept", new { token = second, password = Password }), HttpStatusCode.BadRequest, "token");
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/invitations/{id}/resend");
        var third = await TokenFromMailAsync(email, 3);
        Assert.Equal(HttpStatusCode.OK, (await invitee.Http.PostAsJsonAsync("/api/invitations/lookup", new { token = third })).StatusCode);

        // Revoked: gone from the pending list, its link refused, no account made; resending it is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/invitations/{id}")).StatusCode);
        Assert.DoesNotContain(await PendingAsync(admin), i => i.GetProperty("id").GetGuid() == id);
        await AssertFieldAsync(await invitee.Http.PostAsJsonAsync("/api/invitations/accept", new { token = third, password = Password }), HttpStatusCode.BadRequest, "token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await invitee.LoginAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/invitations/{id}/resend")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Delete, $"/api/admin/invitations/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Bad_invitations_name_their_fields_and_only_admins_invite()
    {
        using var admin = await system.AdminAsync();
        var bad = await admin.SendAsync(HttpMethod.Post, "/api/admin/invitations", new { email = "not-an-address", displayName = "", role = "Owner" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.True(errors.TryGetProperty("role", out _));
        // The bootstrap admin's own address is registered.
        var registered = await admin.SendAsync(HttpMethod.Post, "/api/admin/invitations", new { email = SystemFixture.AdminEmail, displayName = "Me", role = "Admin" });
        await AssertFieldAsync(registered, HttpStatusCode.Conflict, "email");
        await AssertFieldAsync(await admin.SendAsync(HttpMethod.Get, "/api/admin/invitations?status=lost"), HttpStatusCode.BadRequest, "status");

        using var teacher = await system.SignUpAsync("Teacher", "invite-teacher", onboardPayouts: false);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Post, "/api/admin/invitations",
            new { email = IdentityClient.NewEmail("nope"), displayName = "Nope", role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Get, "/api/admin/invitations")).StatusCode);
    }

    private static async Task<List<JsonElement>> PendingAsync(StudioUser admin) =>
        [.. (await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/invitations")).EnumerateArray()];

    private readonly Dictionary<string, HashSet<string>> _seen = [];

    /// <summary>
    /// The token of the <paramref name="nth"/> invitation email to <paramref name="email"/> (from its link to the Web): every
    /// email has a link of its own, and the new one is the link not seen before.
    /// </summary>
    private async Task<string> TokenFromMailAsync(string email, int nth)
    {
        var mails = await Eventually.ValueAsync(async () =>
        {
            var found = (await system.Mail.ToAsync(email)).Where(m => m.Subject == Subject).ToList();
            return found.Count >= nth ? found : null;
        }, TimeSpan.FromSeconds(60), $"invitation email {nth} to {email}");
        Assert.Equal(nth, mails.Count);
        var tokens = mails.Select(m => LinkPattern().Match(m.Text ?? "")).Select(m => { Assert.True(m.Success, "the email has the link"); return Uri.UnescapeDataString(m.Groups["token"].Value); }).ToList();
        Assert.Equal(nth, tokens.Distinct().Count());
        var seen = _seen.TryGetValue(email, out var known) ? known : _seen[email] = [];
        var fresh = Assert.Single(tokens, token => !seen.Contains(token));
        seen.Add(fresh);
        return fresh;
    }

    private static async Task<JsonElement> AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
        return problem;
    }

    [GeneratedRegex(@"/account/invitation\?token=(?<token>[A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkPattern();
}
