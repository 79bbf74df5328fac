using System.Globalization;
using System.Reflection;
using System.Text;
using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace CourseHub.Api.Features.Auth.Passwords;

/// <summary>
/// What makes a password unacceptable beyond its length, after NIST SP 800-63B (5.1.1.2): a value attackers try first (a
/// bundled list of common passwords, checked offline so no password ever leaves the Api), a run of one character or a
/// keyboard or counting sequence, and anything containing the account's own email or name. No composition rules (digits,
/// capitals): NIST advises against them, since they make passwords harder to remember and barely harder to guess.
/// </summary>
public static class PasswordRules
{
    public const string TooCommonCode = "PasswordTooCommon";
    public const string PersonalCode = "PasswordContainsPersonalDetails";

    public const string TooCommonMessage =
        "This password is one of the most common ones, which attackers try first. Choose something less predictable, such as a few unrelated words.";
    public const string RepetitiveMessage =
        "This password is a run of repeated or sequential characters, which attackers try first. Choose something less predictable.";
    public const string PersonalMessage = "The password cannot contain your email address or your name.";

    /// <summary>Parts of a name or email shorter than this are too common in ordinary words to refuse ("ada", "li").</summary>
    private const int ShortestPersonalPart = 4;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>How many passwords the bundled list holds (the tests check it is a real list, not a handful).</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    /// <summary>The reasons <paramref name="password"/> is refused for this account, as Identity errors (empty when it is fine).</summary>
    public static IReadOnlyList<IdentityError> Check(string? password, string? email, string? name)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [];
        }
        var errors = new List<IdentityError>();
        var normalized = Normalize(password);
        if (IsCommon(normalized))
        {
            errors.Add(new IdentityError { Code = TooCommonCode, Description = TooCommonMessage });
        }
        else if (IsRepetitiveOrSequential(normalized))
        {
            errors.Add(new IdentityError { Code = TooCommonCode, Description = RepetitiveMessage });
        }
        if (PersonalParts(email, name).Any(part => normalized.Contains(part, StringComparison.Ordinal)))
        {
            errors.Add(new IdentityError { Code = PersonalCode, Description = PersonalMessage });
        }
        return errors;
    }

    /// <summary>
    /// Case does not make a listed password safe, nor do the digits and symbols people add at its end to pass a rule
    /// ("Summer2024!" is "summer"); a password made only of digits and symbols is looked up whole.
    /// </summary>
    private static bool IsCommon(string normalized)
    {
        if (Common.Value.Contains(normalized))
        {
            return true;
        }
        var stem = normalized.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        return stem.Length > 0 && stem.Length < normalized.Length && Common.Value.Contains(stem);
    }

    /// <summary>"aaaaaaaa", "12345678", "abcdefgh", "87654321": every character one step (or none) from the one before.</summary>
    private static bool IsRepetitiveOrSequential(string normalized)
    {
        if (normalized.Length < 2)
        {
            return false;
        }
        var step = normalized[1] - normalized[0];
        if (Math.Abs(step) > 1)
        {
            return false;
        }
        for (var i = 2; i < normalized.Length; i++)
        {
            if (normalized[i] - normalized[i - 1] != step)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The whole local part of the email and the whole name (without spaces), and each of their longer words.</summary>
    private static IEnumerable<string> PersonalParts(string? email, string? name)
    {
        var parts = new List<string>();
        var localPart = email?.Split('@')[0];
        foreach (var value in new[] { email, localPart, name?.Replace(" ", "") })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(Normalize(value.Trim()));
            }
        }
        foreach (var value in new[] { localPart, name })
        {
            if (value is not null)
            {
                parts.AddRange(value.Split([' ', '.', '_', '-', '+', '\''], StringSplitOptions.RemoveEmptyEntries).Select(Normalize));
            }
        }
        return parts.Where(part => part.Length >= ShortestPersonalPart).Distinct();
    }

    /// <summary>NFKC and lower case (NIST: normalize before comparing), so a full-width or capitalised copy is the same password.</summary>
    private static string Normalize(string value) => value.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(typeof(PasswordRules).Namespace + ".common-passwords.txt")
                           ?? throw new InvalidOperationException("The common-password list is missing from the Api assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(Normalize(line.Trim()));
            }
        }
        return passwords;
    }
}

/// <summary>The rules above for every password Identity sets: sign-up, reset and change.</summary>
public sealed class PasswordRulesValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(PasswordRules.Check(password, user.Email, user.DisplayName) is { Count: > 0 } errors
            ? IdentityResult.Failed([.. errors])
            : IdentityResult.Success);
}

public static class PasswordRulesSetup
{
    public static IServiceCollection AddPasswordRules(this IServiceCollection services) =>
        services.AddScoped<IPasswordValidator<AppUser>, PasswordRulesValidator>();
}
