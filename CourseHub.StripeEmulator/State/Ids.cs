using System.Security.Cryptography;

namespace CourseHub.StripeEmulator.State;

public static class Ids
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A Stripe-looking id: the object's prefix and 24 random letters and digits (e.g. pi_3Nf…).</summary>
    public static string New(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 24);
}
