using CourseHub.Contracts.Commerce;
using CourseHub.Domain.Commerce;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// How an order's money divides, in its own currency: gross = what the buyer paid; refunds = what went back; the
/// platform's fee is kept only on what was not refunded (Stripe refunds the application fee in proportion, rounding the
/// refunded part down, as here); the teacher's net = gross − refunds − fee.
/// </summary>
public static class Earnings
{
    public readonly record struct Split(long Gross, long Refunds, long PlatformFee, long Net);

    public static Split Of(Order order)
    {
        var gross = order.AmountMinor;
        var refunds = Math.Min(order.RefundedMinor, gross);
        var feeRefunded = gross == 0 ? 0 : refunds * order.PlatformFeeMinor / gross;
        var fee = order.PlatformFeeMinor - feeRefunded;
        return new Split(gross, refunds, fee, gross - refunds - fee);
    }

    /// <summary>Totals per currency (never summed across currencies), largest gross first.</summary>
    public static List<MoneyTotals> Totals(IEnumerable<Order> orders) =>
        orders.GroupBy(o => o.Currency).Select(group => Sum(group.Key, group)).OrderByDescending(t => t.Gross).ToList();

    public static MoneyTotals Sum(string currency, IEnumerable<Order> orders)
    {
        long gross = 0, refunds = 0, fee = 0, net = 0;
        var count = 0;
        foreach (var split in orders.Select(Of))
        {
            gross += split.Gross;
            refunds += split.Refunds;
            fee += split.PlatformFee;
            net += split.Net;
            count++;
        }
        return new MoneyTotals(currency, gross, refunds, fee, net, count);
    }
}
