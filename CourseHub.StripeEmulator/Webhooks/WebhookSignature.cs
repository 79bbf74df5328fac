using System.Security.Cryptography;
using System.Text;

namespace CourseHub.StripeEmulator.Webhooks;

/// <summary>Stripe's webhook signature: <c>t={unix},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.</summary>
public static class WebhookSignature
{
    public static string Header(string body, long timestamp, string secret)
    {
        // Stripe keys the HMAC with the whole secret string, "whsec_" included, as UTF-8.
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
