using CourseHub.StripeEmulator.Api;

namespace CourseHub.StripeEmulator.Checkout;

/// <summary>Stripe's documented test card numbers and what each one does; any other valid number succeeds.</summary>
public static class TestCards
{
    public static string Normalize(string number) => new(number.Where(character => character is not (' ' or '-')).ToArray());

    /// <summary>Throws the card error Stripe gives for this number (402), or returns when the payment succeeds.</summary>
    public static void Charge(string number)
    {
        var digits = Normalize(number);
        if (!IsValidNumber(digits))
        {
            throw StripeApiException.Card("Your card number is incorrect.", "incorrect_number");
        }
        switch (digits)
        {
            case "4000000000000002":
                throw StripeApiException.Card("Your card was declined.", "card_declined", "generic_decline");
            case "4000000000009995":
                throw StripeApiException.Card("Your card has insufficient funds.", "card_declined", "insufficient_funds");
            case "4000000000009987":
                throw StripeApiException.Card("Your card was declined.", "card_declined", "lost_card");
            case "4000000000000069":
                throw StripeApiException.Card("Your card has expired.", "expired_card");
            case "4000000000000127":
                throw StripeApiException.Card("Your card's security code is incorrect.", "incorrect_cvc");
        }
    }

    /// <summary>12–19 digits passing the Luhn check, as card numbers must.</summary>
    public static bool IsValidNumber(string digits)
    {
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = 0;
        for (var position = 0; position < digits.Length; position++)
        {
            var digit = digits[digits.Length - 1 - position] - '0';
            if (position % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
