namespace CourseHub.Domain.Commerce;

/// <summary>Where PDF receipts live: the Worker writes them, the Api hands them to their buyer.</summary>
public static class ReceiptBlobs
{
    public const string Container = "receipts";

    public static string NameFor(Guid orderId) => $"{orderId:N}.pdf";
}
