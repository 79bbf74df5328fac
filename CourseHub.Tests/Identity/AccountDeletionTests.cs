using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using CourseHub.Domain.Identity;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using CourseHub.Worker.Features.Accounts;
using CourseHub.Worker.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseHub.Tests.Identity;

/// <summary>
/// Deleting one's account on the running system: the password confirms it, every session ends at once, sign-in stops
/// working, and after the grace period the Worker's erasure (run here with a clock moved past it) anonymises the account
/// while what the person wrote stays, shown as from "a former user". Teachers with students to look after are refused.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccountDeletionTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery";

    private IReadOnlyList<string> Replicas => system.Project("api").ReplicaUrls;

    private static async Task<HttpStatusCode> StatusOnAsync(string replica, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(replica) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The Worker's erasure against the system's database and blob storage, with its clock at <paramref name="now"/>.</summary>
    private AccountErasure Erasure(Domain.CourseHubDbContext db, DateTimeOffset now)
    {
        var blobs = new BlobServiceClient(system.ConnectionString("blobs"));
        return new AccountErasure(db, blobs, new OrderReceipts(db, blobs), Options.Create(new AccountDeletionOptions()), new FakeTimeProvider(now),
            NullLogger<AccountErasure>.Instance);
    }

    [Fact]
    public async Task Deleting_needs_the_password_and_ends_every_session_at_once_and_sign_in_fails_afterwards()
    {
        using var user = await system.SignUpAsync("Student", "deleter");
        var laptop = user.Token;
        var phone = await user.Client.LoginOkAsync(user.Email);
        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusOnAsync(replica, "/api/me", phone.AccessToken));
        }

        // No password or a wrong one: 400 naming the field; nothing happens.
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { }), "password"));
        var wrong = await IdentityClient.FieldErrorsAsync(await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = "not-my-password" }), "password");
        Assert.Contains("not correct", wrong[0]);
        Assert.Equal(HttpStatusCode.OK, await StatusOnAsync(Replicas[0], "/api/me", laptop));

        var deleted = await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password });
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        // The very next request with either access token is refused, on every replica; the refresh token is dead too.
        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, "/api/me", laptop));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, "/api/me", phone.AccessToken));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.RefreshAsync(phone.RefreshToken)).StatusCode);
        // Signing in with the right password fails like a wrong one; a reset mail is not sent.
        var signIn = await user.Client.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal("The email or password is incorrect.", (await IdentityClient.ProblemAsync(signIn)).GetProperty("detail").GetString());

        await using var db = system.CreateDbContext();
        var row = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.NotNull(row.DeletionRequestedAt);
        Assert.Null(row.ErasedAt); // erased only after the grace period
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.deletion-requested" && a.TargetUserId == user.Id && a.ActorId == user.Id));
        Assert.False(await db.RefreshTokens.AnyAsync(t => t.UserId == user.Id && t.RevokedAt == null));
        await Eventually.TrueAsync(async () => (await system.Mail.ToAsync(user.Email)).Any(m => m.Subject == "Your CourseHub account is being deleted"),
            TimeSpan.FromSeconds(60), "the deletion email");
    }

    [Fact]
    public async Task After_the_grace_period_the_account_is_anonymised_and_its_review_shows_a_former_user()
    {
        var course = await system.PublishedCourseAsync($"Former user course {Guid.NewGuid():N}"[..28], priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "leaver");
        await student.OkJsonAsync(HttpMethod.Put, "/api/me", new { displayName = "Leaving Lena", bio = "I was here", timeZone = "Europe/Paris" });
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var review = await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = 4, text = "Worth it" }, HttpStatusCode.Created);
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(AccountFlowTests.Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "me.png");
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/me/avatar") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
            Assert.Equal(HttpStatusCode.OK, (await student.Client.Http.SendAsync(request)).StatusCode);
        }
        await student.OkJsonAsync(HttpMethod.Put, "/api/me/notification-preferences", new object[] { new { kind = "message", email = "off" } });
        string avatarBlob;
        await using (var db = system.CreateDbContext())
        {
            avatarBlob = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == student.Id)).AvatarBlobName!;
        }
        var avatars = new BlobServiceClient(system.ConnectionString("blobs")).GetBlobContainerClient(AppUser.AvatarContainer);
        Assert.True((await avatars.GetBlobClient(avatarBlob).ExistsAsync()).Value);

        Assert.Equal(HttpStatusCode.Accepted, (await student.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
        DateTimeOffset requestedAt;
        await using (var db = system.CreateDbContext())
        {
            requestedAt = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == student.Id)).DeletionRequestedAt!.Value;
            // Within the grace period nothing is erased yet.
            await Erasure(db, requestedAt.AddDays(6)).EraseDueAsync(CancellationToken.None);
            var waiting = await db.Users.AsNoTracking().SingleAsync(u => u.Id == student.Id);
            Assert.Equal("Leaving Lena", waiting.DisplayName);
            Assert.Null(waiting.ErasedAt);
        }
        await using (var db = system.CreateDbContext())
        {
            Assert.True(await Erasure(db, requestedAt.AddDays(7).AddMinutes(1)).EraseDueAsync(CancellationToken.None) >= 1);
        }

        await using (var db = system.CreateDbContext())
        {
            var erased = await db.Users.AsNoTracking().SingleAsync(u => u.Id == student.Id);
            Assert.Equal(AppUser.FormerUserName, erased.DisplayName);
            Assert.Equal(AppUser.ErasedEmail(student.Id), erased.Email);
            Assert.DoesNotContain(student.Email, erased.NormalizedEmail + erased.UserName + erased.NormalizedUserName, StringComparison.OrdinalIgnoreCase);
            Assert.Null(erased.PasswordHash);
            Assert.Null(erased.Bio);
            Assert.Null(erased.AvatarBlobName);
            Assert.NotNull(erased.ErasedAt);
            Assert.False(await db.UserLogins.AnyAsync(l => l.UserId == student.Id));
            Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == student.Id));
            Assert.False(await db.NotificationPreferences.AnyAsync(p => p.UserId == student.Id));
            Assert.False(await db.UserNotifications.AnyAsync(n => n.UserId == student.Id));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.TargetEmail == student.Email || a.ActorEmail == student.Email));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.erased" && a.TargetUserId == student.Id));
            // Enrollments stay (the course's numbers), and the review stays.
            Assert.True(await db.Enrollments.AnyAsync(e => e.UserId == student.Id && e.CourseId == course.Id));
        }
        Assert.False((await avatars.GetBlobClient(avatarBlob).ExistsAsync()).Value);

        // Readers see the review from "a former user", on every replica.
        foreach (var replica in Replicas)
        {
            using var http = new HttpClient { BaseAddress = new Uri(replica) };
            var reviews = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{course.Id}/reviews");
            var shown = reviews.GetProperty("reviews").GetProperty("items").EnumerateArray()
                .Single(r => r.GetProperty("id").GetGuid() == review.GetProperty("id").GetGuid());
            Assert.Equal(AppUser.FormerUserName, shown.GetProperty("author").GetProperty("displayName").GetString());
            Assert.Equal("Worth it", shown.GetProperty("text").GetString());
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("author").GetProperty("avatarUrl").ValueKind);
        }
        // Signing in is impossible: neither the old address nor the erased one opens the account.
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.Client.LoginAsync(student.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.Client.LoginAsync(AppUser.ErasedEmail(student.Id))).StatusCode);
        // The address is free again: signing up with it makes a new account (an activation mail, not "someone tried").
        var again = await student.Client.RegisterAsync(student.Email);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await using (var db = system.CreateDbContext())
        {
            Assert.True(await db.Users.AnyAsync(u => u.Email == student.Email && u.Id != student.Id));
        }
    }

    [Fact]
    public async Task A_teacher_with_a_published_course_is_told_to_unpublish_it_first()
    {
        var course = await system.PublishedCourseAsync($"Keeps teaching {Guid.NewGuid():N}"[..24], priceMinor: 0);
        var refused = await course.Teacher.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await IdentityClient.ProblemAsync(refused);
        Assert.Equal("teacher-has-published-courses", problem.GetProperty("code").GetString());
        Assert.Contains("Unpublish", problem.GetProperty("detail").GetString());
        // Nothing happened: the teacher is still signed in and still signs in.
        Assert.Equal(HttpStatusCode.OK, (await course.Teacher.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        await course.Teacher.Client.LoginOkAsync(course.Teacher.Email);
        await using var db = system.CreateDbContext();
        Assert.Null((await db.Users.AsNoTracking().SingleAsync(u => u.Id == course.Teacher.Id)).DeletionRequestedAt);
    }

    [Fact]
    public async Task A_google_only_account_is_asked_for_a_google_proof_and_a_deleted_accounts_google_login_is_refused()
    {
        using var google = new GoogleDouble(system);
        var email = GoogleDouble.GoogleEmail("googleleaver");
        var tokens = await google.CompleteOkAsync(await google.SignInAtGoogleAsync(email, "Gone Google"), role: "Student");
        // No password to check: the account proves it is them with a fresh Google sign-in (AccountLeavingTests goes through it).
        var refused = await google.Identity.SendAsync(HttpMethod.Post, "/api/me/delete", tokens.AccessToken, new { password = "anything-at-all" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(refused, "googleProof"));
        Assert.Equal(HttpStatusCode.OK, (await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken)).StatusCode);

        // A password account that linked Google and was then deleted: Google no longer signs it in either.
        using var user = await system.SignUpAsync("Student", "linkedleaver");
        var linkedEmail = user.Email;
        var code = await google.SignInAtGoogleAsync(linkedEmail, "Linked Leaver");
        Assert.Equal("link-requires-password", (await IdentityClient.ProblemAsync(await google.CompleteAsync(code))).GetProperty("code").GetString());
        await google.CompleteOkAsync(code, password: Password);
        Assert.Equal(HttpStatusCode.Accepted, (await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
        var again = await google.CompleteAsync(await google.SignInAtGoogleAsync(linkedEmail, "Linked Leaver"));
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal("account-deleted", (await IdentityClient.ProblemAsync(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_teacher_with_a_recent_sale_waits_for_the_refund_window_and_the_buyers_order_outlives_the_buyers_erasure()
    {
        var course = await system.PublishedCourseAsync($"Recently sold {Guid.NewGuid():N}"[..24], 2999);
        using var buyer = await system.SignUpAsync("Student", "erasedbuyer");
        var (checkout, paid) = await system.BuyAsync(buyer, course.Id);
        Assert.Equal(HttpStatusCode.OK, paid);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        await buyer.OrderReachesAsync(orderId, "paid", o => o.GetProperty("hasReceipt").GetBoolean());

        // Unpublished, the course is no obstacle any more, but the sale is inside the refund window.
        await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{course.Id}/unpublish");
        var refused = await course.Teacher.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await IdentityClient.ProblemAsync(refused);
        Assert.Equal("pending-payouts", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("pendingOrders").GetInt32());

        // The buyer leaves; after the erasure the order is kept, under the erased name, with its receipt made again.
        Assert.Equal(HttpStatusCode.Accepted, (await buyer.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
        await using var db = system.CreateDbContext();
        var requestedAt = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == buyer.Id)).DeletionRequestedAt!.Value;
        await Erasure(db, requestedAt.AddDays(8)).EraseDueAsync(CancellationToken.None);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        Assert.Equal(Domain.Commerce.OrderStatus.Paid, order.Status);
        Assert.Equal(buyer.Id, order.BuyerId);
        Assert.NotNull(order.ReceiptBlobName);
        Assert.Equal(AppUser.FormerUserName, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == buyer.Id)).DisplayName);
    }
}
