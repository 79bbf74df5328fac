using Azure.Storage.Blobs;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Commerce;

/// <summary>The signed-in user's orders: history, one order (what the success page polls), its PDF receipt, and refunds.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/me/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("", ListAsync).WithSummary("List my orders").WithDescription("The signed-in user's orders, newest first, with status, amount and refund state.");
        orders.MapGet("/{id:guid}", GetAsync).Refuses(404).WithSummary("Read one of my orders")
            .WithDescription("One order; the checkout success page polls it until the payment is confirmed (`status` turns `paid`).");
        orders.MapGet("/{id:guid}/receipt", ReceiptAsync).Refuses(404).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Download a PDF receipt").WithDescription("The order's PDF receipt (404 `receipt-not-ready` while the Worker is still making it).");
        orders.MapPost("/{id:guid}/refund", RefundAsync).Refuses(404, 409, 503).WithSummary("Request a refund")
            .WithDescription("Refund a paid order within 30 days of purchase (409 `refund-window-closed` after, `not-refundable` unless paid). Access ends when Stripe confirms the refund.");
        return endpoints;
    }

    public static OrderResponse ToResponse(Order order, string title, string slug, OrderRefunds refunds) => new(
        order.Id, order.CourseId, title, slug, order.Status.ToString().ToLowerInvariant(), order.AmountMinor, order.Currency, order.CreatedAt,
        order.PaidAt, order.RefundedAt, order.RefundedMinor, order.RefundRequestedAt, refunds.RefundableUntil(order), order.ReceiptBlobName is not null);

    private static async Task<Ok<List<OrderResponse>>> ListAsync(HttpContext context, CourseHubDbContext db, OrderRefunds refunds, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var rows = await (from order in db.Orders.AsNoTracking()
                          join course in db.Courses on order.CourseId equals course.Id
                          where order.BuyerId == userId
                          orderby order.CreatedAt descending
                          select new { order, course.Title, course.Slug }).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => ToResponse(r.order, r.Title, r.Slug, refunds)).ToList());
    }

    private static async Task<Results<Ok<OrderResponse>, NotFoundProblem>> GetAsync(Guid id, HttpContext context, CourseHubDbContext db, OrderRefunds refunds,
        CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var row = await (from order in db.Orders.AsNoTracking()
                         join course in db.Courses on order.CourseId equals course.Id
                         where order.Id == id && order.BuyerId == userId
                         select new { order, course.Title, course.Slug }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? NotFound() : TypedResults.Ok(ToResponse(row.order, row.Title, row.Slug, refunds));
    }

    private static async Task<Results<FileStreamHttpResult, NotFoundProblem>> ReceiptAsync(Guid id, HttpContext context, CourseHubDbContext db,
        BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.BuyerId == userId, cancellationToken);
        if (order is null)
        {
            return NotFound();
        }
        if (order.ReceiptBlobName is null)
        {
            throw order.Status is OrderStatus.Paid or OrderStatus.Refunded
                ? Refusal.NotFound("receipt-not-ready", "The receipt is being prepared", "It is ready a few seconds after the payment is confirmed.")
                : Refusal.NotFound("no-receipt", "No receipt", "Only paid orders have a receipt.");
        }
        var blob = blobs.GetBlobContainerClient(ReceiptBlobs.Container).GetBlobClient(order.ReceiptBlobName);
        var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.File(stream, "application/pdf", $"coursehub-receipt-{order.Id.ToString()[..8]}.pdf");
    }

    private static async Task<Accepted<RefundResponse>> RefundAsync(Guid id, HttpContext context, OrderRefunds refunds, CancellationToken cancellationToken)
    {
        var order = await refunds.RequestByBuyerAsync(context.User.UserId()!.Value, id, cancellationToken);
        return TypedResults.Accepted($"/api/me/orders/{order.Id}",
            new RefundResponse(order.Id, order.Status.ToString().ToLowerInvariant(), order.RefundRequestedAt!.Value));
    }

    private static NotFoundProblem NotFound() => Problems.NotFound("Order not found", "You have no order with this id.");
}
