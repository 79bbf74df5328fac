using CourseHub.Api.Features.Auth.Passwords;

namespace CourseHub.Tests.Unit;

public sealed class PasswordRulesTests
{
    private const string Email = "ada.okafor@example.com";
    private const string Name = "Ada Okafor";

    private static IReadOnlyList<string> CodesOf(string password, string? email = Email, string? name = Name) =>
        PasswordRules.Check(password, email, name).Select(error => error.Code).ToList();

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")] // case does not make it safe
    [InlineData("Password1")]
    [InlineData("p@ssw0rd")]
    [InlineData("qwertyuiop")]
    [InlineData("1qaz2wsx")]
    [InlineData("iloveyou")]
    [InlineData("letmein123")]
    [InlineData("Summer2024!")] // a listed word with the digits and symbols people add to pass a rule
    [InlineData("football!!")]
    [InlineData("starwars")]
    [InlineData("ｐａｓｓｗｏｒｄ")] // full-width letters are the same password after NFKC
    [InlineData("123456789")]
    public void Common_passwords_are_refused(string password)
    {
        var errors = PasswordRules.Check(password, Email, Name);
        var error = Assert.Single(errors);
        Assert.Equal(PasswordRules.TooCommonCode, error.Code);
        Assert.Contains("common", error.Description);
    }

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("zzzzzzzz")]
    [InlineData("abcdefghij")]
    [InlineData("98765432")]
    [InlineData("mnopqrst")]
    public void Repeated_and_sequential_runs_are_refused(string password) =>
        Assert.Equal([PasswordRules.TooCommonCode], CodesOf(password));

    [Theory]
    [InlineData("ada.okafor@example.com")] // the email itself
    [InlineData("ADA.OKAFOR@EXAMPLE.COM")]
    [InlineData("my-ada.okafor-secret")] // the local part
    [InlineData("okafor-rides-bikes")] // a word of the local part or name
    [InlineData("adaokafor2000")] // the name without its space
    public void Passwords_containing_the_email_or_name_are_refused(string password) =>
        Assert.Contains(PasswordRules.PersonalCode, CodesOf(password));

    [Fact]
    public void A_short_name_part_is_not_held_against_the_password()
    {
        // "ada" is in "lemonade-arcade", but a three-letter part is too common in ordinary words to refuse.
        Assert.Empty(CodesOf("lemonade-arcade-92"));
    }

    [Theory]
    [InlineData("correct-horse-battery")]
    [InlineData("throwaway-test-passphrase-1")]
    [InlineData("blue mountain kettle")]
    [InlineData("demo-3fa9c1e07b")] // the shape of the generated demo password
    [InlineData("Tr0ub4dor&3-violet")]
    [InlineData("another-good-one")]
    [InlineData("third-password-here")] // a listed word inside a longer passphrase is fine
    public void Uncommon_passwords_without_personal_details_pass(string password) =>
        Assert.Empty(CodesOf(password));

    [Fact]
    public void Both_reasons_are_told_at_once()
    {
        // A listed password that also is the account's name: the person learns both reasons in one answer.
        Assert.Equal([PasswordRules.TooCommonCode, PasswordRules.PersonalCode], CodesOf("michael123", "michael@example.com", "Michael"));
    }

    [Fact]
    public void The_bundled_list_holds_thousands_of_passwords()
    {
        Assert.True(PasswordRules.CommonPasswordCount >= 3000, $"only {PasswordRules.CommonPasswordCount} common passwords");
    }

    [Fact]
    public void Error_codes_put_the_message_under_the_password_field()
    {
        // Problems.FromIdentity files every code starting with "Password" under the request's password field.
        Assert.All(PasswordRules.Check("password", Email, Name).Concat(PasswordRules.Check(Email, Email, Name)),
            error => Assert.StartsWith("Password", error.Code));
    }
}
