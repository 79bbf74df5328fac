using System.Text.RegularExpressions;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// Buying in the browser, end to end: the Web's buttons, the Stripe emulator's hosted Checkout and onboarding pages, the
/// webhook the Api receives and the order pages that show its outcome. Courses come from the demo seed, whose teachers
/// are onboarded for payouts; every buyer is a fresh account, so no test sees another's enrollments.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PurchaseJourneyTests(SystemFixture system)
{
    private const string PaidSlug = "kubernetes-for-developers";
    private const string PaidTitle = "Kubernetes for Developers";
    private const string PaidPrice = "$74.99";
    private const string PaidTeacherEmail = "lukas.brenner@coursehub.test";
    private const string FreeSlug = "docker-fundamentals";
    private const string Password = "walnut-harbour-lantern";

    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_student_buys_a_course_with_the_test_card_is_enrolled_downloads_the_receipt_and_asks_for_a_refund()
    {
        var email = await NewAccountAsync("buyer", "Student");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, email, Password);

        await BuyAsync(page, "4242 4242 4242 4242");

        // Stripe's success URL brings the buyer back; the page waits for the webhook, then offers the course.
        await page.WaitForURLAsync(new Regex("/checkout/success\\?order="), new() { Timeout = 30_000 });
        var successUrl = page.Url;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're enrolled" })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("checkout-state")).ToContainTextAsync(PaidPrice);
        var startLearning = page.GetByRole(AriaRole.Link, new() { Name = "Start learning" });
        await Assertions.Expect(startLearning).ToHaveAttributeAsync("href", $"/learn/{PaidSlug}");

        // The course page now says "Go to course", and the player opens the course for the enrolled student.
        await startLearning.ClickAsync();
        await Assertions.Expect(page.GetByTestId("learn-curriculum")).ToContainTextAsync(PaidTitle, new() { Timeout = 30_000 });
        await page.GotoAsync($"{Web}/courses/{PaidSlug}");
        await Assertions.Expect(page.GetByTestId("course-action-button")).ToHaveTextAsync("Go to course", new() { Timeout = 30_000 });

        // My orders lists the order as paid, and its receipt downloads as a PDF named after the order.
        await page.GotoAsync($"{Web}/my/orders");
        var row = page.GetByTestId("orders").Locator("tr").Filter(new() { HasText = PaidTitle });
        await Assertions.Expect(row.GetByTestId("order-status")).ToHaveTextAsync("Paid", new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("order-amount")).ToHaveTextAsync(PaidPrice);
        await Eventually.TrueAsync(async () =>
        {
            if (await row.GetByTestId("order-receipt").CountAsync() > 0)
            {
                return true;
            }
            // The receipt is made by the Worker after the payment; the list shows the link once it exists.
            await page.ReloadAsync();
            return await row.GetByTestId("order-receipt").AppearsAsync(5_000);
        }, TimeSpan.FromSeconds(60), "the receipt link in My orders");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("order-receipt").ClickAsync());
        Assert.Matches("^coursehub-receipt-[0-9a-f]{8}\\.pdf$", download.SuggestedFilename);
        var saved = await download.PathAsync();
        var head = new byte[4];
        await using (var file = File.OpenRead(saved!))
        {
            Assert.Equal(4, await file.ReadAsync(head));
        }
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(head));

        await Browsers.ScreenshotsAsync(launched.Browser, context, successUrl, "purchase-1-success", p => p.GetByRole(AriaRole.Link, new() { Name = "Start learning" }));
        await Browsers.ScreenshotsAsync(launched.Browser, context, $"{Web}/my/orders", "purchase-2-my-orders", p => p.GetByTestId("order-receipt").First);
        await Browsers.ScreenshotsAsync(launched.Browser, context, $"{Web}/my/courses", "purchase-3-my-learning", p => p.GetByTestId("enrollment").First);
        await Browsers.ScreenshotsAsync(launched.Browser, context, $"{Web}/courses/{PaidSlug}", "purchase-4-course-enrolled",
            p => p.GetByTestId("course-action-button").Filter(new() { HasText = "Go to course" }));

        // The admin finds the order by the buyer's email, and it stays under "Paid" and not under "Refunded".
        await using (var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
            await admin.GotoAsync($"{Web}/admin/orders");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var buyerRows = admin.GetByTestId("admin-order-buyer").Filter(new() { HasText = email });
            await admin.RetryUntilInteractiveAsync(async () =>
            {
                // Filled before the circuit is up, the box is emptied by the first interactive render; and the buyer's order is
                // the newest, so it shows unfiltered too: the search has taken only once the buyer's is the one row left.
                var search = admin.GetByLabel("Buyer email or course");
                if (await search.InputValueAsync() != email)
                {
                    await search.FillAsync(email);
                }
                return await buyerRows.AppearsAsync() && await admin.GetByTestId("admin-order-buyer").CountAsync() == 1;
            });
            await Assertions.Expect(buyerRows).ToHaveCountAsync(1);
            await Assertions.Expect(admin.GetByTestId("orders-totals")).ToContainTextAsync("USD");
            await ChooseStatusAsync(admin, "Refunded");
            await Assertions.Expect(admin.GetByTestId("admin-orders-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await ChooseStatusAsync(admin, "Paid");
            await Assertions.Expect(buyerRows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Assertions.Expect(admin.GetByTestId("admin-order-refund")).ToBeVisibleAsync();
            await Browsers.ScreenshotsAsync(launched.Browser, adminContext, $"{Web}/admin/orders", "purchase-5-admin-orders", p => p.GetByTestId("admin-order-buyer").First);
        }

        // The course's teacher (a demo teacher) sees the sale in Earnings: a net total, this month's bar and the course's row.
        await using (var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var teacher = await teacherContext.NewPageAsync();
            await teacher.SignInAsync(Web, PaidTeacherEmail, system.Project("api").Environment["Seed__DemoPassword"]);
            await teacher.GotoAsync($"{Web}/teach/earnings");
            await Assertions.Expect(teacher.GetByTestId("earnings-courses")).ToContainTextAsync(PaidTitle, new() { Timeout = 30_000 });
            await Assertions.Expect(teacher.GetByTestId("earnings-total").Filter(new() { HasText = "USD" })).ToBeVisibleAsync();
            await Assertions.Expect(teacher.GetByTestId("earnings-bar")).ToHaveCountAsync(12);
            Assert.True(double.Parse(await teacher.GetByTestId("earnings-bar").Last.GetAttributeAsync("height") ?? "0",
                System.Globalization.CultureInfo.InvariantCulture) > 0, "this month's bar has a height");
            await Browsers.ScreenshotsAsync(launched.Browser, teacherContext, $"{Web}/teach/earnings", "purchase-5b-teacher-earnings", p => p.GetByTestId("earnings-chart"));
        }

        // Within 30 days the student may ask for a refund: confirm, "Refund requested", then refunded once Stripe says so.
        await page.GotoAsync($"{Web}/my/orders");
        var confirm = page.GetByRole(AriaRole.Dialog);
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await row.GetByTestId("order-refund").ClickAsync();
            return await confirm.AppearsAsync();
        });
        await Assertions.Expect(confirm).ToContainTextAsync($"Request a refund for “{PaidTitle}”?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Request refund" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("orders-message")).ToContainTextAsync("Refund requested", new() { Timeout = 15_000 });
        await Assertions.Expect(row.GetByTestId("order-refund")).ToHaveCountAsync(0);
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.GetByTestId("order-refunded").AppearsAsync(5_000);
        }, TimeSpan.FromSeconds(90), "the order to show its refund");
        await Assertions.Expect(row.GetByTestId("order-refunded")).ToContainTextAsync($"Refunded {PaidPrice}");
        await Assertions.Expect(row.GetByTestId("order-status")).ToHaveTextAsync("Refunded");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("purchase-6-refunded"), FullPage = true });
    }

    [Fact]
    public async Task A_declined_card_is_shown_on_checkout_and_leaving_it_brings_the_buyer_back_still_able_to_buy()
    {
        var email = await NewAccountAsync("declined", "Student");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, email, Password);

        await BuyAsync(page, "4000 0000 0000 0002");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your card was declined.", new() { Timeout = 15_000 });
        Assert.DoesNotContain("/checkout/success", page.Url);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("purchase-declined-checkout"), FullPage = true });

        // Back to the course (Stripe's cancel URL): nothing was charged, and the course is still for sale.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/courses/{PaidSlug}\\?checkout=cancelled"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("checkout-cancelled")).ToContainTextAsync("Payment cancelled — you have not been charged");
        await Assertions.Expect(page.GetByTestId("course-action-button")).ToHaveTextAsync($"Buy now — {PaidPrice}", new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "purchase-cancelled-course-page", p => p.GetByTestId("checkout-cancelled"));

        // And nothing is enrolled: My learning is empty.
        await page.GotoAsync($"{Web}/my/courses");
        await Assertions.Expect(page.GetByTestId("learning-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_a_student_enrolls_in_a_free_course_with_one_click()
    {
        var email = await NewAccountAsync("free", "Student");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Anonymous: the button leads to sign-in and back to the course.
        await page.GotoAsync($"{Web}/courses/{FreeSlug}");
        var action = page.GetByTestId("course-action-button");
        await Assertions.Expect(action).ToHaveTextAsync("Enroll for free", new() { Timeout = 30_000 });
        await Assertions.Expect(action).ToHaveAttributeAsync("href", $"/account/sign-in?returnUrl={Uri.EscapeDataString($"/courses/{FreeSlug}")}");
        await page.GotoAsync($"{Web}/courses/{PaidSlug}");
        await Assertions.Expect(action).ToHaveTextAsync($"Buy now — {PaidPrice}", new() { Timeout = 30_000 });

        await page.SignInAsync(Web, email, Password);
        await page.GotoAsync($"{Web}/courses/{FreeSlug}");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await action.Filter(new() { HasText = "Enroll for free" }).ClickAsync(new() { Timeout = 5_000 });
            return await action.Filter(new() { HasText = "Go to course" }).AppearsAsync();
        });
        await Assertions.Expect(action).ToHaveAttributeAsync("href", $"/learn/{FreeSlug}");
        await action.ClickAsync();
        await Assertions.Expect(page.GetByTestId("learn-lesson-title")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "purchase-free-learn", p => p.GetByTestId("learn-lesson-title"));

        // Catalog cards of the student's courses say "Enrolled" (one enrollment call for the whole page).
        await page.GotoAsync($"{Web}/courses?q={Uri.EscapeDataString("Docker Fundamentals")}");
        var card = page.GetByTestId("course-card").Filter(new() { HasText = "Docker Fundamentals" }).First;
        await Assertions.Expect(card.GetByTestId("course-card-enrolled")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-card-enrolled")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("purchase-free-catalog-enrolled"), FullPage = true });

        // My orders has nothing to show for a free course.
        await page.GotoAsync($"{Web}/my/orders");
        await Assertions.Expect(page.GetByTestId("orders-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "purchase-free-orders-empty", p => p.GetByTestId("orders-empty"));
    }

    [Fact]
    public async Task A_teacher_sets_up_payouts_through_stripe_onboarding_and_sees_them_enabled()
    {
        var email = await NewAccountAsync("payouts", "Teacher");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, email, Password);

        await page.GotoAsync($"{Web}/teach/payouts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get paid", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("payouts-status")).ToHaveAttributeAsync("data-status", "none", new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "payouts-1-none", p => p.GetByTestId("payouts-onboard"));
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByTestId("payouts-onboard").ClickAsync(new() { Timeout = 5_000 });
            try
            {
                await page.WaitForURLAsync(url => !url.StartsWith(Web, StringComparison.Ordinal), new() { Timeout = 5_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        });

        // Stripe's Express onboarding (the emulator's page): fill it in and submit; Stripe returns the teacher to the studio.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up payouts" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Legal name").FillAsync("Grace Payouts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/teach/payouts\\?onboarding=return"), new() { Timeout = 30_000 });

        // The account's status arrives with Stripe's account.updated webhook: reload until it has.
        await Eventually.TrueAsync(async () =>
        {
            if (await page.GetByTestId("payouts-status").GetAttributeAsync("data-status", new() { Timeout = 30_000 }) == "enabled")
            {
                return true;
            }
            await page.WaitForTimeoutAsync(1_000);
            await page.ReloadAsync();
            return false;
        }, TimeSpan.FromSeconds(60), "payouts to be enabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payouts enabled" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("payouts-charges")).ToContainTextAsync("Charges enabled");
        await Assertions.Expect(page.GetByTestId("payouts-payouts")).ToContainTextAsync("Payouts enabled");
        await Browsers.ScreenshotsAsync(launched.Browser, context, $"{Web}/teach/payouts", "payouts-2-enabled", p => p.GetByRole(AriaRole.Heading, new() { Name = "Payouts enabled" }));

        // A new teacher has no sales yet: the earnings page says so.
        await page.GotoAsync($"{Web}/teach/earnings");
        await Assertions.Expect(page.GetByTestId("earnings-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "earnings-empty", p => p.GetByTestId("earnings-empty"));
    }

    /// <summary>A fresh, activated account with <see cref="Password"/>.</summary>
    private async Task<string> NewAccountAsync(string prefix, string role)
    {
        using var client = new IdentityClient(system);
        var email = IdentityClient.NewEmail(prefix);
        await client.RegisterAndActivateAsync(email, Password, role);
        return email;
    }

    /// <summary>From the paid course's page to Stripe's Checkout, where the card is typed in and paid.</summary>
    private async Task BuyAsync(IPage page, string card)
    {
        await page.GotoAsync($"{Web}/courses/{PaidSlug}");
        var buy = page.GetByTestId("course-action-button").Filter(new() { HasText = $"Buy now — {PaidPrice}" });
        await Assertions.Expect(buy).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (!page.Url.StartsWith(Web, StringComparison.Ordinal))
            {
                return true;
            }
            await buy.ClickAsync(new() { Timeout = 5_000 });
            try
            {
                await page.WaitForURLAsync(url => !url.StartsWith(Web, StringComparison.Ordinal), new() { Timeout = 10_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        });
        await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry (MM / YY)").FillAsync("12 / 39");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByLabel("Name on card").FillAsync("Grace Hopper");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).ClickAsync();
    }

    private static async Task ChooseStatusAsync(IPage page, string status)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = "Status" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = status }).First.ClickAsync();
    }
}
