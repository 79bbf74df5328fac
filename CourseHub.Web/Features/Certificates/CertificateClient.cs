using System.Net;
using System.Net.Http.Json;
using CourseHub.Contracts.Learning;

namespace CourseHub.Web.Features.Certificates;

/// <summary>
/// Public certificate verification: anyone holding a code may check it, so these calls carry no user token. The PDF
/// is passed through from the Web's own address (<c>/certificates/{code}/pdf</c>), since browsers reach only the Web.
/// </summary>
public sealed class CertificateClient(HttpClient http)
{
    public async Task<CertificateVerification?> VerifyAsync(string code, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/certificates/{Uri.EscapeDataString(code)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CertificateVerification>(cancellationToken);
    }

    /// <summary>The certificate's PDF as the Api answers it (the caller streams it on, or turns a refusal into a redirect).</summary>
    public Task<HttpResponseMessage> OpenPdfAsync(string code, CancellationToken cancellationToken) =>
        http.GetAsync($"/api/certificates/{Uri.EscapeDataString(code)}/pdf", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}

/// <summary><c>/certificates/{code}/pdf</c>: the certificate PDF from the Web's own address.</summary>
public static class CertificateDownload
{
    public static WebApplication MapCertificateDownload(this WebApplication app)
    {
        app.MapGet("/certificates/{code}/pdf", async (string code, CertificateClient client, HttpContext context) =>
        {
            using var response = await client.OpenPdfAsync(code, context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                context.Response.Redirect($"/certificates/{Uri.EscapeDataString(code)}");
                return;
            }
            context.Response.ContentType = "application/pdf";
            // The code is ours (letters, digits and dashes) when the Api found it; anything else was refused above.
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"coursehub-certificate-{code}.pdf\"";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }
}
