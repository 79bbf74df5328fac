using CourseHub.Domain.Commerce;
using CourseHub.Tests.Browser;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CourseHub.Tests.Analytics;

/// <summary>The admin overview and the teacher's analytics in headless Chromium: figures and charts render (screenshots in TestResults/screenshots).</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardBrowserTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task The_admin_overview_renders_its_figures_and_charts_and_the_teacher_sees_own_courses()
    {
        var history = await AnalyticsHistory.EnsureAsync(system);
        // Sales in the last months, in two currencies, so the revenue charts have bars (on this run's own courses).
        await using (var db = system.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            (int Days, long Amount, string Currency)[] sales = [(70, 4000, "USD"), (40, 2500, "USD"), (35, 1800, "EUR"), (10, 6000, "USD")];
            foreach (var (days, amount, currency) in sales)
            {
                var buyer = history.Buyers[days % history.Buyers.Count];
                var paidAt = now.AddDays(-days);
                db.Orders.Add(new Order
                {
                    Id = Guid.CreateVersion7(), BuyerId = buyer, CourseId = history.CourseB, TeacherId = history.CourseA.Teacher.Id, AmountMinor = amount,
                    Currency = currency, PlatformFeeMinor = amount / 5, Status = OrderStatus.Paid, CreatedAt = paidAt, PaidAt = paidAt,
                });
            }
            await db.SaveChangesAsync();
        }
        using (var admin = await system.AdminAsync())
        {
            await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");
        }

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await page.GotoAsync($"{Web}/admin");
        await Assertions.Expect(page.GetByTestId("kpi-new-users")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("kpi-conversion")).ToContainTextAsync("course page views");
        await Assertions.Expect(page.GetByTestId("kpi-revenue").First).ToBeVisibleAsync();
        foreach (var chart in (string[])["chart-revenue", "chart-users", "chart-enrollments", "chart-sessions"])
        {
            await Assertions.Expect(page.GetByTestId(chart).Locator("svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        // A bar per sale month in USD: MudBlazor draws bars as paths in the chart's SVG.
        Assert.True(await page.GetByTestId("chart-revenue").Locator("svg path").CountAsync() > 0, "the revenue chart draws bars");
        await Assertions.Expect(page.GetByTestId("top-by-revenue")).ToContainTextAsync(history.Marker);
        await Assertions.Expect(page.GetByTestId("nav-admin-overview")).ToBeVisibleAsync();

        // The period picker reloads the key figures for the longer period (once the page is interactive).
        var today = DateTime.UtcNow;
        await page.RetryUntilInteractiveAsync(async () =>
        {
            // Before the circuit is up the picker does not open: no option shows, and the next round tries again.
            await page.GetByTestId("overview-period").ClickAsync();
            var option = page.GetByRole(AriaRole.Option, new() { Name = "Last 12 months" });
            if (!await option.AppearsAsync())
            {
                return false;
            }
            await option.ClickAsync();
            return await page.GetByText($"{today.AddDays(-364):yyyy-MM-dd} to {today:yyyy-MM-dd}").AppearsAsync();
        });
        await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("analytics-admin-overview-year-1280"), FullPage = true });
        await page.GetByTestId("overview-period").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Last 30 days" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{today.AddDays(-29):yyyy-MM-dd} to {today:yyyy-MM-dd}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("analytics-admin-overview-1280"), FullPage = true });

        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var teacherPage = await teacherContext.NewPageAsync();
        await teacherPage.SignInAsync(Web, history.CourseA.Teacher.Email, "correct-horse-battery");
        await teacherPage.GotoAsync($"{Web}/teach/analytics");
        await Assertions.Expect(teacherPage.GetByTestId("teach-analytics-courses")).ToContainTextAsync("Analytics A", new() { Timeout = 30_000 });
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("analytics-teacher-1280"), FullPage = true });
    }
}
