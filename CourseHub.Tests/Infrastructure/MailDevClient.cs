using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace CourseHub.Tests.Infrastructure;

/// <summary>Reads what reached the SMTP sink, through MailDev's REST API.</summary>
public sealed class MailDevClient(string baseUrl)
{
    private static readonly HttpClient Http = new();

    public sealed record Address([property: JsonPropertyName("address")] string Email);

    public sealed record Mail(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("to")] IReadOnlyList<Address> To,
        [property: JsonPropertyName("html")] string? Html,
        [property: JsonPropertyName("text")] string? Text,
        // The Message-ID header without its angle brackets.
        [property: JsonPropertyName("messageId")] string? MessageId,
        [property: JsonPropertyName("attachments")] IReadOnlyList<Attachment>? Attachments = null,
        [property: JsonPropertyName("cc")] IReadOnlyList<Address>? Cc = null,
        // Header names in lower case, as MailDev gives them.
        [property: JsonPropertyName("headers")] Dictionary<string, System.Text.Json.JsonElement>? Headers = null)
    {
        public string? Header(string name) => Headers?.TryGetValue(name.ToLowerInvariant(), out var value) == true ? value.ToString() : null;
    }

    public sealed record Attachment(
        [property: JsonPropertyName("fileName")] string FileName,
        [property: JsonPropertyName("contentType")] string ContentType,
        [property: JsonPropertyName("generatedFileName")] string GeneratedFileName);

    /// <summary>The bytes of one attachment of a mail, as the recipient's mail client would save them.</summary>
    public Task<byte[]> AttachmentAsync(Mail mail, Attachment attachment) =>
        Http.GetByteArrayAsync($"{baseUrl}/email/{mail.Id}/attachment/{Uri.EscapeDataString(attachment.GeneratedFileName)}");

    public async Task<IReadOnlyList<Mail>> ToAsync(string email) =>
        (await AllAsync()).Where(mail => mail.To.Any(to => string.Equals(to.Email, email, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<IReadOnlyList<Mail>> AllAsync() =>
        await Http.GetFromJsonAsync<List<Mail>>($"{baseUrl}/email") ?? [];

    public async Task<IReadOnlyList<Mail>> WithSubjectAsync(string subject) =>
        (await AllAsync()).Where(mail => mail.Subject == subject).ToList();

    /// <summary>Waits until at least one mail with <paramref name="subject"/> arrived, then returns all such mails.</summary>
    public async Task<IReadOnlyList<Mail>> WaitForSubjectAsync(string subject, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var mails = await WithSubjectAsync(subject);
            if (mails.Count > 0)
            {
                return mails;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No mail with subject '{subject}' arrived within {timeout.TotalSeconds:0}s.");
    }
}
