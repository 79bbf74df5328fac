using MudBlazor;

namespace CourseHub.Web.Components.Account;

/// <summary>An <see cref="ApiPage"/> with one MudForm whose fields validate as you type and also show the server's errors.</summary>
public abstract class FormPage : ApiPage
{
    protected MudForm? Form { get; set; }

    /// <summary>A MudTextField validation: the client-side rule first, else the server's error for <paramref name="field"/>.</summary>
    protected Func<string, string?> Rule(string field, Func<string, string?>? rule = null) =>
        value => rule?.Invoke(value ?? "") ?? ErrorOf(field);

    /// <summary>Shows the server's field errors in the form after a failed submit.</summary>
    protected async Task ShowServerErrorsAsync()
    {
        if (Form is not null && ServerErrors.Count > 0)
        {
            await Form.ValidateAsync();
        }
    }

    protected static string? ValidEmail(string value) =>
        string.IsNullOrWhiteSpace(value) ? "Enter your email address."
        : System.Net.Mail.MailAddress.TryCreate(value.Trim(), out _) ? null : "That does not look like an email address.";

    protected static string? Required(string value, string message) => string.IsNullOrWhiteSpace(value) ? message : null;
}
