using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Commerce;

/// <summary>Every order, for admins: filter by status, date and buyer or course, page through, and refund.</summary>
public static class AdminOrderEndpoints
{
    public static IEndpointRouteBuilder MapAdminOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/orders").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", ListAsync).WithSummary("List all orders")
            .WithDescription("Orders newest first, filtered by `status`, created `from`/`to` (inclusive dates, UTC) and `q` (buyer email or course title), paged; with totals per currency of everything the filters match. `format=csv` streams every match as CSV.");
        admin.MapPost("/{id:guid}/refund", RefundAsync).Refuses(404, 409, 503).WithSummary("Refund an order")
            .WithDescription("Refunds any paid order in full through Stripe (no time limit for admins); access ends when Stripe confirms it. Audited.");
        return endpoints;
    }

    private static async Task<Results<Ok<AdminOrdersPage>, CsvFile, ValidationProblem>> ListAsync(string? status, string? from, string? to, string? q, int? page, int? pageSize,
        string? format, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var errors = new Dictionary<string, List<string>>();
        var csv = CsvFile.Wants(format, errors);
        OrderStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"One of: {string.Join(", ", OrderStatuses.All)}."];
            }
        }
        var since = Date(from, "from", errors);
        var until = Date(to, "to", errors)?.AddDays(1);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var rows = from order in db.Orders.AsNoTracking()
                   join course in db.Courses on order.CourseId equals course.Id
                   join buyer in db.Users on order.BuyerId equals buyer.Id
                   select new { order, course.Title, course.Slug, course.TeacherName, buyer.Email, buyer.DisplayName };
        if (wanted is { } statusFilter)
        {
            rows = rows.Where(r => r.order.Status == statusFilter);
        }
        if (since is { } start)
        {
            rows = rows.Where(r => r.order.CreatedAt >= start);
        }
        if (until is { } end)
        {
            rows = rows.Where(r => r.order.CreatedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePatterns.Contains(q);
            rows = rows.Where(r => EF.Functions.ILike(r.Email!, pattern) || EF.Functions.ILike(r.Title, pattern));
        }
        if (csv)
        {
            return CsvFile.Of("orders.csv", rows.OrderByDescending(r => r.order.CreatedAt).ThenBy(r => r.order.Id).AsAsyncEnumerable(),
                ("id", r => r.order.Id), ("createdAt", r => r.order.CreatedAt), ("status", r => r.order.Status.ToString().ToLowerInvariant()),
                ("courseId", r => r.order.CourseId), ("courseTitle", r => r.Title), ("teacherName", r => r.TeacherName), ("buyerId", r => r.order.BuyerId),
                ("buyerEmail", r => r.Email), ("buyerName", r => r.DisplayName), ("currency", r => r.order.Currency), ("amountMinor", r => r.order.AmountMinor),
                ("platformFeeMinor", r => r.order.PlatformFeeMinor), ("refundedMinor", r => r.order.RefundedMinor), ("paidAt", r => r.order.PaidAt),
                ("refundedAt", r => r.order.RefundedAt));
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.order.CreatedAt).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        // Totals over every match, summed in the database per currency (the page is only a slice of them).
        var totals = (await rows.Where(r => r.order.PaidAt != null).GroupBy(r => r.order.Currency).Select(g => new
        {
            Currency = g.Key,
            Gross = g.Sum(r => r.order.AmountMinor),
            Refunds = g.Sum(r => r.order.RefundedMinor),
            // Per order as in Earnings.Of: bigint division in PostgreSQL rounds the refunded part of the fee down.
            Fee = g.Sum(r => r.order.PlatformFeeMinor - r.order.RefundedMinor * r.order.PlatformFeeMinor / r.order.AmountMinor),
            Orders = g.Count(),
        }).ToListAsync(cancellationToken))
            .Select(t => new MoneyTotals(t.Currency, t.Gross, t.Refunds, t.Fee, t.Gross - t.Refunds - t.Fee, t.Orders))
            .OrderByDescending(t => t.Gross).ToList();
        var result = items.Select(r => new AdminOrderResponse(r.order.Id, r.order.CourseId, r.Title, r.Slug, r.order.BuyerId, r.Email ?? "", r.DisplayName,
            r.TeacherName, r.order.Status.ToString().ToLowerInvariant(), r.order.AmountMinor, r.order.Currency, r.order.PlatformFeeMinor, r.order.CreatedAt,
            r.order.PaidAt, r.order.RefundedAt, r.order.RefundedMinor, r.order.RefundRequestedAt)).ToList();
        return TypedResults.Ok(new AdminOrdersPage(new PagedResult<AdminOrderResponse>(result, total, number, size), totals));
    }

    private static async Task<Accepted<RefundResponse>> RefundAsync(Guid id, HttpContext context, OrderRefunds refunds, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var order = await refunds.RefundByAdminAsync(id, cancellationToken);
        var buyer = await db.Users.SingleOrDefaultAsync(u => u.Id == order.BuyerId, cancellationToken);
        db.Record(clock, context.User, "order.refund", $"Refund of order {order.Id} ({Money.Format(order.AmountMinor, order.Currency)}) requested", buyer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/admin/orders/{order.Id}",
            new RefundResponse(order.Id, order.Status.ToString().ToLowerInvariant(), order.RefundRequestedAt!.Value));
    }

    private static DateTimeOffset? Date(string? text, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        errors[field] = ["Use a date like 2026-01-31."];
        return null;
    }
}
