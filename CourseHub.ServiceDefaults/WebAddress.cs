using Microsoft.Extensions.Configuration;

namespace CourseHub.ServiceDefaults;

/// <summary>
/// Where people reach the Web front end (<c>App:WebBaseUrl</c>; the AppHost and the Bicep set it), for the links the
/// other services put in emails, Stripe's return URLs and certificates. Without it: the Web's local default address.
/// </summary>
public static class WebAddress
{
    public static string WebBaseUrl(this IConfiguration configuration) =>
        (configuration["App:WebBaseUrl"] is { Length: > 0 } configured ? configured : "http://localhost:5100").TrimEnd('/');
}
