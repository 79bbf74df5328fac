using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Commerce;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// Starts a purchase: a pending order and a Stripe Checkout Session for it (a destination charge: the platform keeps its
/// fee, the rest goes to the teacher's Connect account). Nothing here enrolls anyone — that waits for Stripe's
/// signed <c>checkout.session.completed</c>.
/// </summary>
public sealed class CourseCheckout(CourseHubDbContext db, IStripeClient stripe, IOptions<PaymentsOptions> payments, IConfiguration configuration,
    TimeProvider clock, ILogger<CourseCheckout> logger)
{
    private string WebBaseUrl => configuration.WebBaseUrl();

    public async Task<CheckoutResponse> StartAsync(Guid buyerId, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId && c.Status == CourseStatus.Published, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "There is no published course with this id.");
        if (course.TeacherId == buyerId)
        {
            throw Refusal.Conflict("own-course", "This is your course", "You cannot buy a course you teach.");
        }
        if (course.IsFree)
        {
            throw Refusal.Conflict("free-course", "This course is free", "Enroll instead: POST /api/courses/{courseId}/enroll.");
        }
        if (await db.Enrollments.AnyAsync(e => e.UserId == buyerId && e.CourseId == courseId && e.RevokedAt == null, cancellationToken))
        {
            throw Refusal.Conflict("already-enrolled", "Already enrolled", "You already have this course.");
        }
        var payout = await db.PayoutAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.TeacherId == course.TeacherId, cancellationToken);
        if (payout is not { CanReceivePayments: true })
        {
            throw Refusal.Conflict("teacher-payouts-not-enabled", "This course cannot be bought right now",
                "Its teacher has not finished setting up payouts yet. Try again later.");
        }

        var now = clock.GetUtcNow();
        var open = await db.Orders.SingleOrDefaultAsync(o => o.BuyerId == buyerId && o.CourseId == courseId && o.Status == OrderStatus.Pending, cancellationToken);
        if (open is not null)
        {
            // Coming back from Checkout: the session still open (and at today's price) is the one to pay.
            if (open.CheckoutSessionId is not null && open.CheckoutUrl is not null && open.CheckoutExpiresAt > now.AddMinutes(2)
                && open.AmountMinor == course.PriceMinor && open.Currency == course.Currency)
            {
                return new CheckoutResponse(open.Id, open.CheckoutSessionId, open.CheckoutUrl);
            }
            open.Status = OrderStatus.Expired;
            await db.SaveChangesAsync(cancellationToken);
        }

        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            BuyerId = buyerId,
            CourseId = course.Id,
            TeacherId = course.TeacherId,
            AmountMinor = course.PriceMinor,
            Currency = course.Currency,
            PlatformFeeMinor = payments.Value.FeeOn(course.PriceMinor),
            Status = OrderStatus.Pending,
            CreatedAt = now,
        };
        db.Orders.Add(order);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two clicks at once: the other request's order is being sent to Checkout; answer with it once it has its session.
            db.ChangeTracker.Clear();
            throw Refusal.Conflict("checkout-in-progress", "Checkout is being prepared", "A checkout for this course was just started. Try again in a moment.");
        }

        var buyerEmail = await db.Users.Where(u => u.Id == buyerId).Select(u => u.Email).SingleAsync(cancellationToken);
        Session session;
        try
        {
            session = await new SessionService(stripe).CreateAsync(SessionFor(order, course, buyerEmail, payout.StripeAccountId, now),
                new RequestOptions { IdempotencyKey = $"checkout-{order.Id}" }, cancellationToken);
        }
        catch (StripeException ex)
        {
            // No session, so nothing can ever pay this order: it goes, and the buyer may simply try again.
            logger.LogError(ex, "Stripe refused the Checkout Session of order {OrderId}: {Message}", order.Id, ex.StripeError?.Message ?? ex.Message);
            db.Orders.Remove(order);
            await db.SaveChangesAsync(CancellationToken.None);
            throw Refusal.Unavailable("payment-provider-unavailable", "Payment could not be started",
                "The payment provider did not accept the request. Nothing was charged; please try again in a minute.");
        }
        order.CheckoutSessionId = session.Id;
        order.CheckoutUrl = session.Url;
        order.CheckoutExpiresAt = session.ExpiresAt == default ? now.AddMinutes(payments.Value.CheckoutMinutes) : new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero);
        await db.SaveChangesAsync(CancellationToken.None);
        return new CheckoutResponse(order.Id, session.Id, session.Url);
    }

    private SessionCreateOptions SessionFor(Order order, Course course, string? buyerEmail, string teacherAccountId, DateTimeOffset now) => new()
    {
        Mode = "payment",
        ClientReferenceId = order.Id.ToString(),
        CustomerEmail = buyerEmail,
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    // Stripe's amounts are in the currency's smallest unit, as ours are (whole yen for JPY).
                    Currency = order.Currency.ToLowerInvariant(),
                    UnitAmount = order.AmountMinor,
                    ProductData = new SessionLineItemPriceDataProductDataOptions
                    {
                        Name = course.Title,
                        Description = string.IsNullOrWhiteSpace(course.Subtitle) ? $"A course by {course.TeacherName}" : course.Subtitle,
                    },
                },
            },
        ],
        PaymentIntentData = new SessionPaymentIntentDataOptions
        {
            ApplicationFeeAmount = order.PlatformFeeMinor,
            TransferData = new SessionPaymentIntentDataTransferDataOptions { Destination = teacherAccountId },
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() },
        },
        Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["course_id"] = course.Id.ToString() },
        SuccessUrl = $"{WebBaseUrl}/checkout/success?order={order.Id}&session_id={{CHECKOUT_SESSION_ID}}",
        CancelUrl = $"{WebBaseUrl}/courses/{Uri.EscapeDataString(course.Slug)}?checkout=cancelled",
        ExpiresAt = now.AddMinutes(Math.Clamp(payments.Value.CheckoutMinutes, 30, 24 * 60)).UtcDateTime,
    };
}
