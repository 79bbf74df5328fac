using CourseHub.EventBus;
using CourseHub.Worker.Features.Email;

namespace CourseHub.Tests.Unit;

public sealed class MessagingUnitTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    public void Retry_delays_double_with_each_attempt(int nextAttempt, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new ConsumerOptions().DelayBefore(nextAttempt));

    [Fact]
    public void Retry_delay_is_capped()
    {
        var options = new ConsumerOptions { MaxRetryDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(5), options.DelayBefore(20));
    }

    [Fact]
    public void Header_values_arrive_as_bytes_and_are_read_back_as_text()
    {
        var headers = new Dictionary<string, object?>
        {
            [MessageHeaders.Attempt] = "3"u8.ToArray(),
            [MessageHeaders.TraceParent] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray(),
        };
        Assert.Equal(3, MessageHeaders.GetInt(headers, MessageHeaders.Attempt, 1));
        Assert.Equal(1, MessageHeaders.GetInt(headers, "missing", 1));
        Assert.StartsWith("00-0af7", MessageHeaders.GetString(headers, MessageHeaders.TraceParent));
        Assert.Null(MessageHeaders.GetString(null, MessageHeaders.TraceParent));
    }

    [Fact]
    public void An_outgoing_message_is_named_by_its_event_type_and_keeps_a_given_id()
    {
        var message = OutgoingMessage.Create(new SampleHappened("x"), messageId: "fixed-id");
        Assert.Equal("SampleHappened", message.Type);
        Assert.Equal("fixed-id", message.MessageId);
        Assert.Contains("\"value\":\"x\"", System.Text.Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("Endpoint=smtp://127.0.0.1:1025", "127.0.0.1", 1025, null, null)]
    [InlineData("Endpoint=smtp://mail.example.com:587;Username=apikey;Password=p=w", "mail.example.com", 587, "apikey", "p=w")]
    [InlineData("Endpoint=smtp://mail.example.com", "mail.example.com", 25, null, null)]
    public void Mail_connection_strings_are_parsed(string connectionString, string host, int port, string? user, string? password)
    {
        var endpoint = SmtpEndpoint.Parse(connectionString);
        Assert.Equal(new SmtpEndpoint(host, port, user, password), endpoint);
    }

    [Fact]
    public void A_mail_connection_string_without_endpoint_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<FormatException>(() => SmtpEndpoint.Parse("Host=x"));
        Assert.Contains("Endpoint=smtp://host:port", error.Message);
    }

    private sealed record SampleHappened(string Value);
}
