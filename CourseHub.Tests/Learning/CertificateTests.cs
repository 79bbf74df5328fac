using System.Net;
using System.Text;
using System.Text.Json;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Tests.Browser;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Tests.Learning;

/// <summary>Completing a course issues exactly one certificate: PDF, email, public verification, signed badge, revocation.</summary>
[Collection(SystemCollection.Name)]
public sealed class CertificateTests(SystemFixture system)
{
    [Fact]
    public async Task Completing_the_last_lesson_issues_one_certificate_anyone_can_verify_and_an_admin_can_revoke()
    {
        var course = await system.PublishedCourseAsync("Graduation course", 0);
        using var student = await system.SignUpAsync("Student", "graduate");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var curriculum = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        var lessonId = curriculum.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var done = await student.OkJsonAsync(HttpMethod.Post, $"/api/learn/lessons/{lessonId}/complete");
        Assert.True(done.GetProperty("courseCompleted").GetBoolean());

        JsonElement mine = default;
        await Eventually.TrueAsync(async () => (mine = await student.OkJsonAsync(HttpMethod.Get, "/api/me/certificates")).GetArrayLength() == 1,
            TimeSpan.FromSeconds(30), "the certificate");
        var code = mine[0].GetProperty("code").GetString()!;
        var learning = (await student.OkJsonAsync(HttpMethod.Get, "/api/me/learning")).EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == course.Id);
        Assert.Equal((100, code), (learning.GetProperty("progress").GetInt32(), learning.GetProperty("certificateCode").GetString()));
        Assert.Matches("^CH-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", code);

        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        JsonElement verified = default;
        await Eventually.TrueAsync(async () =>
        {
            verified = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/certificates/{code}")).RootElement;
            return verified.GetProperty("hasPdf").GetBoolean();
        }, TimeSpan.FromSeconds(30), "the certificate PDF");
        Assert.Equal(("Graduation course", true), (verified.GetProperty("courseTitle").GetString(), verified.GetProperty("valid").GetBoolean()));
        var pdfBytes = await anonymous.GetByteArrayAsync($"/api/certificates/{code}/pdf");
        var pdf = Encoding.Latin1.GetString(pdfBytes);
        Assert.StartsWith("%PDF-", pdf);
        Assert.Contains(code, pdf);
        Assert.Contains(verified.GetProperty("studentName").GetString()!, pdf);
        Assert.Contains($"/certificates/{code}", pdf);
        // Its QR code, rendered and read back as a phone would, opens the public verification page of this certificate.
        var scanned = await PdfQrCodes.ReadAsync(pdfBytes);
        Assert.NotNull(scanned);
        Assert.Matches($"^https?://[^/]+/certificates/{code}$", scanned);
        Assert.Contains(scanned, pdf);

        // The badge is a VC-JWT whose signature checks out against the Api's published keys.
        var badge = await anonymous.GetAsync($"/api/certificates/{code}/badge");
        Assert.Equal("application/vc+jwt", badge.Content.Headers.ContentType?.MediaType);
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync("/.well-known/jwks.json"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(await badge.Content.ReadAsStringAsync(), new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("vc+jwt", token.Typ);
        Assert.Contains("OpenBadgeCredential", Base64UrlEncoder.Decode(token.EncodedPayload));

        // One email with the PDF attached; the event delivered once more changes nothing.
        await Eventually.TrueAsync(async () => (await system.Mail.ToAsync(student.Email)).Any(m => m.Subject.StartsWith("Your certificate")),
            TimeSpan.FromSeconds(30), "the certificate email");
        Guid repeatId;
        await using (var db = system.CreateDbContext())
        {
            var userId = await db.Users.Where(u => u.Email == student.Email).Select(u => u.Id).SingleAsync();
            repeatId = db.AddIntegrationEvent(new CourseCompleted(userId, course.Id, DateTimeOffset.UtcNow), TimeProvider.System).Id;
            await db.SaveChangesAsync();
        }
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            return await db.InboxMessages.AnyAsync(m => m.MessageId == repeatId.ToString() && m.ProcessedAt != null);
        }, TimeSpan.FromSeconds(30), "the repeated event to be handled");
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.Certificates.CountAsync(c => c.CourseId == course.Id));
        }
        var mail = Assert.Single(await system.Mail.ToAsync(student.Email), m => m.Subject.StartsWith("Your certificate"));
        Assert.Equal("application/pdf", Assert.Single(mail.Attachments ?? []).ContentType);

        using var admin = await system.AdminAsync();
        var missingReason = await admin.SendAsync(HttpMethod.Post, $"/api/admin/certificates/{code}/revoke", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/certificates/{code}/revoke", new { reason = "Issued by mistake" });
        var revoked = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/certificates/{code}")).RootElement;
        Assert.Equal((false, "Issued by mistake"), (revoked.GetProperty("valid").GetBoolean(), revoked.GetProperty("revokedReason").GetString()));

        // The admin's list finds it by code, student email or course, and filters by validity; it is not for students.
        var listed = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/certificates?q={Uri.EscapeDataString(student.Email)}");
        var row = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((code, false, "Issued by mistake"), (row.GetProperty("code").GetString(), row.GetProperty("valid").GetBoolean(), row.GetProperty("revokedReason").GetString()));
        Assert.Equal(1, (await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/certificates?q={code}&valid=false")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/certificates?q={code}&valid=true")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/admin/certificates")).StatusCode);

        // The page the QR code opens says so too, to anyone.
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync();
        await page.GotoAsync($"{system.Project("web").Url}/certificates/{code}");
        await Assertions.Expect(page.GetByTestId("certificate-revoked")).ToContainTextAsync("Issued by mistake", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("certificate-course")).ToHaveTextAsync("Graduation course");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("certificate-revoked"), FullPage = true });

        // The admin's certificates page lists it as revoked, with the reason.
        var adminPage = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await adminPage.SignInAsync(system.Project("web").Url, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await adminPage.GotoAsync($"{system.Project("web").Url}/admin/certificates");
        await adminPage.RetryUntilInteractiveAsync(async () =>
        {
            await adminPage.GetByLabel("Code, student or course").FillAsync(code, new() { Timeout = 5_000 });
            return await adminPage.Locator("tr").Filter(new() { HasText = code }).GetByTestId("admin-certificate-status").Filter(new() { HasText = "Revoked" }).AppearsAsync(5_000)
                && await adminPage.Locator("tbody tr").CountAsync() == 1;
        });
        await Assertions.Expect(adminPage.Locator("tr").Filter(new() { HasText = code })).ToContainTextAsync("Issued by mistake");
        await adminPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("admin-certificates"), FullPage = true });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/certificates/CH-0000-0000-0000")).StatusCode);
    }
}
