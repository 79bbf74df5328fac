using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CourseHub.Domain.Commerce;
using CourseHub.Realtime.Features.Notifications;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace CourseHub.Tests.Commerce;

/// <summary>
/// Buying a course end to end on the running system: the Api's checkout, the Stripe emulator's payment and signed
/// webhooks, the Worker's handling (enrollment, receipt PDF, email) — and every refusal on the way.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PurchaseTests(SystemFixture system)
{
    [Fact]
    public async Task A_paid_purchase_enrolls_once_and_mails_a_pdf_receipt()
    {
        var course = await system.PublishedCourseAsync("Paid purchase course", 4999);
        using var buyer = await system.SignUpAsync("Student", "buyer");

        var (checkout, paid) = await system.BuyAsync(buyer, course.Id);
        Assert.Equal(HttpStatusCode.OK, paid);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        Assert.StartsWith(system.EmulatorUrl(), checkout.GetProperty("url").GetString());

        var order = await buyer.OrderReachesAsync(orderId, "paid", o => o.GetProperty("hasReceipt").GetBoolean());
        Assert.Equal(4999, order.GetProperty("amount").GetInt64());
        Assert.Equal("USD", order.GetProperty("currency").GetString());
        Assert.Contains(course.Id, await buyer.EnrolledCourseIdsAsync());

        var receipt = await buyer.SendAsync(HttpMethod.Get, $"/api/me/orders/{orderId}/receipt");
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);
        var pdf = await receipt.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains("$49.99", Encoding.ASCII.GetString(pdf));

        MailDevClient.Mail? mail = null;
        await Eventually.TrueAsync(async () => (mail = (await system.Mail.ToAsync(buyer.Email)).FirstOrDefault(m => m.Subject.StartsWith("Your receipt"))) is not null,
            TimeSpan.FromSeconds(30), "the receipt email");
        var attachment = Assert.Single(mail!.Attachments ?? []);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await system.Mail.AttachmentAsync(mail, attachment), 0, 5));

        // The same completed event delivered four more times, and an old expiry on top: still one enrollment, one email.
        var completed = await system.SessionEventAsync("checkout.session.completed", checkout.GetProperty("sessionId").GetString()!);
        for (var i = 0; i < 4; i++)
        {
            await system.ResendAsync(completed.GetProperty("id").GetString()!);
        }
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            var eventId = completed.GetProperty("id").GetString();
            return await db.StripeEvents.AnyAsync(e => e.Id == eventId && e.Outcome == StripeEventOutcome.Processed);
        }, TimeSpan.FromSeconds(20), "the completed event to be handled");
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.Enrollments.CountAsync(e => e.CourseId == course.Id));
            Assert.Equal(1, await db.Courses.Where(c => c.Id == course.Id).Select(c => c.EnrollmentCount).SingleAsync());
        }
        Assert.Single(await system.Mail.ToAsync(buyer.Email), m => m.Subject.StartsWith("Your receipt"));

        // Buying again is refused: the buyer has the course.
        var again = await buyer.SendAsync(HttpMethod.Post, "/api/checkout", new { courseId = course.Id });
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already-enrolled");
    }

    [Fact]
    public async Task The_platform_fee_and_the_teachers_share_travel_with_the_charge()
    {
        var course = await system.PublishedCourseAsync("Fee split course", 10_000);
        using var buyer = await system.SignUpAsync("Student", "feesplit");
        // The teacher's browser listens on the personal topic: a sale is announced there.
        var teacherId = (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me")).GetProperty("id").GetGuid();
        await using var connection = RealtimeClients.Connect(system.Project("realtime").Url, course.Teacher.Token);
        var notified = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Notification>(NotificationsHub.NotificationMethod, notification => notified.TrySetResult(notification));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", $"user:{teacherId}");

        var (checkout, _) = await system.BuyAsync(buyer, course.Id);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        await buyer.OrderReachesAsync(orderId, "paid");
        var notice = await notified.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("New enrollment", notice.Title);
        Assert.Contains("Fee split course", notice.Body);

        await using var db = system.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        Assert.Equal(2_000, order.PlatformFeeMinor); // 20 % by default
        var intent = await new PaymentIntentService(system.Stripe()).GetAsync(order.PaymentIntentId);
        Assert.Equal(2_000, intent.ApplicationFeeAmount);
        Assert.Equal(await system.PayoutAccountIdAsync(course.Teacher), intent.TransferData.DestinationId);
        Assert.Equal(orderId.ToString(), intent.Metadata["order_id"]);

        var earnings = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/earnings");
        var usd = earnings.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "USD");
        Assert.Equal(10_000, usd.GetProperty("gross").GetInt64());
        Assert.Equal(2_000, usd.GetProperty("platformFee").GetInt64());
        Assert.Equal(8_000, usd.GetProperty("net").GetInt64());
        Assert.Single(earnings.GetProperty("courses").EnumerateArray());
    }

    [Fact]
    public async Task A_declined_card_leaves_no_enrollment_and_coming_back_reuses_the_open_session()
    {
        var course = await system.PublishedCourseAsync("Declined card course", 2500);
        using var buyer = await system.SignUpAsync("Student", "declined");
        var (checkout, declined) = await system.BuyAsync(buyer, course.Id, card: "4000000000000002");
        Assert.Equal(HttpStatusCode.PaymentRequired, declined);
        var (_, insufficient) = await system.BuyAsync(buyer, course.Id, card: "4000000000009995");
        Assert.Equal(HttpStatusCode.PaymentRequired, insufficient);

        // The second checkout answered the same order and session: the buyer came back to an open one.
        var again = await buyer.OkJsonAsync(HttpMethod.Post, "/api/checkout", new { courseId = course.Id });
        Assert.Equal(checkout.GetProperty("sessionId").GetString(), again.GetProperty("sessionId").GetString());
        Assert.Equal(checkout.GetProperty("orderId").GetGuid(), again.GetProperty("orderId").GetGuid());
        var order = await buyer.OrderAsync(checkout.GetProperty("orderId").GetGuid());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.DoesNotContain(course.Id, await buyer.EnrolledCourseIdsAsync());
        var receipt = await buyer.SendAsync(HttpMethod.Get, $"/api/me/orders/{order.GetProperty("id").GetGuid()}/receipt");
        await AssertProblemAsync(receipt, HttpStatusCode.NotFound, "no-receipt");

        // Stripe expires the session: the order follows.
        await new Stripe.Checkout.SessionService(system.Stripe()).ExpireAsync(checkout.GetProperty("sessionId").GetString());
        await buyer.OrderReachesAsync(order.GetProperty("id").GetGuid(), "expired");
    }

    [Fact]
    public async Task A_delayed_payment_stays_pending_until_it_succeeds_or_fails()
    {
        var course = await system.PublishedCourseAsync("Delayed payment course", 1500);
        using var succeeding = await system.SignUpAsync("Student", "delayedok");
        var (ok, _) = await system.BuyAsync(succeeding, course.Id, delayed: "succeeded");
        await succeeding.OrderReachesAsync(ok.GetProperty("orderId").GetGuid(), "paid");
        Assert.Contains(course.Id, await succeeding.EnrolledCourseIdsAsync());

        using var failing = await system.SignUpAsync("Student", "delayedno");
        var (failed, _) = await system.BuyAsync(failing, course.Id, delayed: "failed");
        await failing.OrderReachesAsync(failed.GetProperty("orderId").GetGuid(), "failed");
        Assert.DoesNotContain(course.Id, await failing.EnrolledCourseIdsAsync());
    }

    [Fact]
    public async Task A_refund_within_30_days_revokes_access_and_a_late_completion_does_not_bring_it_back()
    {
        var course = await system.PublishedCourseAsync("Refunded course", 3000);
        using var buyer = await system.SignUpAsync("Student", "refund");
        var (checkout, _) = await system.BuyAsync(buyer, course.Id);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        await buyer.OrderReachesAsync(orderId, "paid");
        Assert.True((await buyer.OrderAsync(orderId)).GetProperty("refundableUntil").ValueKind == JsonValueKind.String);

        var refund = await buyer.SendAsync(HttpMethod.Post, $"/api/me/orders/{orderId}/refund");
        Assert.Equal(HttpStatusCode.Accepted, refund.StatusCode);
        var refunded = await buyer.OrderReachesAsync(orderId, "refunded");
        Assert.Equal(3000, refunded.GetProperty("refundedAmount").GetInt64());
        Assert.DoesNotContain(course.Id, await buyer.EnrolledCourseIdsAsync());
        await Eventually.TrueAsync(async () => (await system.Mail.ToAsync(buyer.Email)).Any(m => m.Subject.StartsWith("Your refund")),
            TimeSpan.FromSeconds(30), "the refund email");

        // The teacher's transfer and the platform's fee were reversed with it; the earnings show the refund.
        await using (var db = system.CreateDbContext())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            var charge = await new ChargeService(system.Stripe()).GetAsync((await new PaymentIntentService(system.Stripe()).GetAsync(order.PaymentIntentId)).LatestChargeId);
            Assert.True(charge.Refunded);
            var transfer = await new TransferService(system.Stripe()).GetAsync(charge.TransferId);
            Assert.Equal(transfer.Amount, transfer.AmountReversed);
        }
        var usd = (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/earnings")).GetProperty("totals").EnumerateArray().Single();
        Assert.Equal((3000, 3000, 0, 0), (usd.GetProperty("gross").GetInt64(), usd.GetProperty("refunds").GetInt64(), usd.GetProperty("platformFee").GetInt64(), usd.GetProperty("net").GetInt64()));

        // The completion arriving again after the refund (out of order) changes nothing.
        var completed = await system.SessionEventAsync("checkout.session.completed", checkout.GetProperty("sessionId").GetString()!);
        await system.ResendAsync(completed.GetProperty("id").GetString()!);
        var second = await buyer.SendAsync(HttpMethod.Post, $"/api/me/orders/{orderId}/refund");
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode); // asked before: the same refund
        Assert.Equal("refunded", (await buyer.OrderAsync(orderId)).GetProperty("status").GetString());
        Assert.DoesNotContain(course.Id, await buyer.EnrolledCourseIdsAsync());
    }

    [Fact]
    public async Task After_30_days_the_student_cannot_refund_but_an_admin_can()
    {
        var course = await system.PublishedCourseAsync("Late refund course", 2000);
        using var buyer = await system.SignUpAsync("Student", "late");
        var (checkout, _) = await system.BuyAsync(buyer, course.Id);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        await buyer.OrderReachesAsync(orderId, "paid");
        await using (var db = system.CreateDbContext())
        {
            // Bought 31 days ago, as far as the refund window is concerned.
            await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(u => u.SetProperty(o => o.PaidAt, DateTimeOffset.UtcNow.AddDays(-31)));
        }
        Assert.True((await buyer.OrderAsync(orderId)).GetProperty("refundableUntil").ValueKind == JsonValueKind.String);
        var refused = await buyer.SendAsync(HttpMethod.Post, $"/api/me/orders/{orderId}/refund");
        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "refund-window-closed");
        Assert.Contains(course.Id, await buyer.EnrolledCourseIdsAsync());

        using var admin = await system.AdminAsync();
        var listed = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/orders?status=paid&q={Uri.EscapeDataString(buyer.Email)}");
        Assert.Equal(orderId, listed.GetProperty("orders").GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Accepted, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/orders/{orderId}/refund")).StatusCode);
        await buyer.OrderReachesAsync(orderId, "refunded");
        var audited = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/audit");
        Assert.Contains(audited.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "order.refund");
    }

    [Fact]
    public async Task Webhooks_with_a_missing_forged_or_stale_signature_are_refused_and_change_nothing()
    {
        var course = await system.PublishedCourseAsync("Forged webhook course", 1200);
        using var buyer = await system.SignUpAsync("Student", "forged");
        var checkout = await buyer.OkJsonAsync(HttpMethod.Post, "/api/checkout", new { courseId = course.Id });
        var orderId = checkout.GetProperty("orderId").GetGuid();
        var eventId = $"evt_forged_{Guid.NewGuid():N}";
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId,
            @object = "event",
            api_version = StripeConfiguration.ApiVersion,
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            type = "checkout.session.completed",
            livemode = false,
            data = new
            {
                @object = new
                {
                    id = checkout.GetProperty("sessionId").GetString(),
                    @object = "checkout.session",
                    client_reference_id = orderId.ToString(),
                    amount_total = 1200,
                    currency = "usd",
                    payment_status = "paid",
                    status = "complete",
                    mode = "payment",
                    payment_intent = "pi_forged",
                },
            },
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        foreach (var (why, signature) in new[]
        {
            ("missing", (string?)null),
            ("forged", Sign(payload, "whsec_not_the_real_one", now)),
            ("ten minutes old", Sign(payload, system.WebhookSecret(), now - 600)),
            ("for another body", Sign(payload.Replace("1200", "1"), system.WebhookSecret(), now)),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            }
            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("Stripe-Signature", out _), $"{why}: {problem}");
        }
        await using (var db = system.CreateDbContext())
        {
            Assert.False(await db.StripeEvents.AnyAsync(e => e.Id == eventId));
        }
        Assert.Equal("pending", (await buyer.OrderAsync(orderId)).GetProperty("status").GetString());

        // Rightly signed it is accepted — and, not matching the order's amount, parked instead of enrolling anyone.
        var wrongAmount = payload.Replace("\"amount_total\":1200", "\"amount_total\":1");
        using var good = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(wrongAmount, Encoding.UTF8, "application/json") };
        good.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(wrongAmount, system.WebhookSecret(), now));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(good)).StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            return await db.StripeEvents.AnyAsync(e => e.Id == eventId && e.Outcome == StripeEventOutcome.Parked);
        }, TimeSpan.FromSeconds(20), "the mismatching event to be parked");
        Assert.Equal("pending", (await buyer.OrderAsync(orderId)).GetProperty("status").GetString());
        Assert.DoesNotContain(course.Id, await buyer.EnrolledCourseIdsAsync());
    }

    [Fact]
    public async Task Free_courses_enroll_at_once_and_every_refusal_says_why()
    {
        var free = await system.PublishedCourseAsync("Free enroll course", 0);
        var paid = await system.PublishedCourseAsync("Refusals course", 999);
        using var student = await system.SignUpAsync("Student", "freebie");

        var first = await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{free.Id}/enroll");
        Assert.True(first.GetProperty("enrolled").GetBoolean());
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{free.Id}/enroll");
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.Enrollments.CountAsync(e => e.CourseId == free.Id));
        }
        Assert.Equal(free.Slug, (await student.OkJsonAsync(HttpMethod.Get, "/api/me/enrollments")).EnumerateArray().Single(e => e.GetProperty("courseId").GetGuid() == free.Id).GetProperty("slug").GetString());

        await AssertProblemAsync(await student.SendAsync(HttpMethod.Post, $"/api/courses/{paid.Id}/enroll"), HttpStatusCode.Conflict, "payment-required");
        await AssertProblemAsync(await student.SendAsync(HttpMethod.Post, "/api/checkout", new { courseId = free.Id }), HttpStatusCode.Conflict, "free-course");
        await AssertProblemAsync(await paid.Teacher.SendAsync(HttpMethod.Post, "/api/checkout", new { courseId = paid.Id }), HttpStatusCode.Conflict, "own-course");
        Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Post, "/api/checkout", new { courseId = Guid.NewGuid() })).StatusCode);
        var missing = await student.SendAsync(HttpMethod.Post, "/api/checkout", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("courseId", out _));

        // An unpublished course cannot be bought.
        await paid.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{paid.Id}/unpublish");
        Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Post, "/api/checkout", new { courseId = paid.Id })).StatusCode);

        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/checkout", new { courseId = paid.Id })).StatusCode);
    }

    [Fact]
    public async Task A_teacher_onboards_for_payouts_before_a_paid_course_can_go_to_review()
    {
        using var teacher = await system.SignUpAsync("Teacher", "unpaid", onboardPayouts: false);
        Assert.Equal("none", (await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/payouts")).GetProperty("status").GetString());
        var id = await teacher.CompleteDraftAsync("Payout gated course");
        var refused = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "payouts-not-enabled");

        var link = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/payouts/onboard");
        Assert.StartsWith(system.EmulatorUrl(), link.GetProperty("url").GetString());
        var pending = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/payouts");
        Assert.Equal(("pending", false), (pending.GetProperty("status").GetString(), pending.GetProperty("payoutsEnabled").GetBoolean()));

        // Onboarding finished at Stripe: account.updated reaches the Api and the Worker.
        using var http = new HttpClient();
        (await http.PostAsync($"{system.EmulatorUrl()}/_emulator/accounts/{await system.PayoutAccountIdAsync(teacher)}/onboard", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            var accountId = await system.PayoutAccountIdAsync(teacher);
            return await db.StripeEvents.AnyAsync(e => e.Type == "account.updated" && e.Payload.Contains(accountId) && e.Outcome == StripeEventOutcome.Processed);
        }, TimeSpan.FromSeconds(20), "account.updated to be handled");
        Assert.Equal("enabled", (await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/payouts")).GetProperty("status").GetString());
        Assert.Equal("InReview", (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Zero_decimal_currencies_are_charged_in_whole_units()
    {
        var course = await system.PublishedCourseAsync("Yen course", 5000, "JPY");
        using var buyer = await system.SignUpAsync("Student", "yen");
        var (checkout, _) = await system.BuyAsync(buyer, course.Id);
        var session = await new Stripe.Checkout.SessionService(system.Stripe()).GetAsync(checkout.GetProperty("sessionId").GetString());
        Assert.Equal((5000L, "jpy"), (session.AmountTotal ?? 0, session.Currency));
        var order = await buyer.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid", o => o.GetProperty("hasReceipt").GetBoolean());
        Assert.Equal("JPY", order.GetProperty("currency").GetString());
        var pdf = Encoding.Latin1.GetString(await (await buyer.SendAsync(HttpMethod.Get, $"/api/me/orders/{order.GetProperty("id").GetGuid()}/receipt")).Content.ReadAsByteArrayAsync());
        Assert.Contains("5,000", pdf);
        Assert.DoesNotContain("5,000.00", pdf);
    }

    /// <summary>Stripe's scheme, written out: <c>t={unix},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.</summary>
    private static string Sign(string payload, string secret, long timestamp) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")))}";

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
