using System.Text.Json;
using Azure.Storage.Blobs;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Learning;
using CourseHub.Domain;
using CourseHub.Domain.Learning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CourseHub.Api.Features.Certificates;

/// <summary>
/// Certificates: the student's own, the public verification (anyone holding the code), the PDF, an Open Badges 3.0
/// credential signed with the Api's published signing key, and revocation by an admin.
/// </summary>
public static class CertificateEndpoints
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static IEndpointRouteBuilder MapCertificateEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me/certificates", MineAsync).WithTags("Certificates").RequireAuthorization()
            .WithSummary("List my certificates").WithDescription("The signed-in student's certificates, newest first.");
        var open = endpoints.MapGroup("/api/certificates").WithTags("Certificates").AllowAnonymous();
        open.MapGet("/{code}", VerifyAsync).Refuses(404).WithSummary("Verify a certificate")
            .WithDescription("Who earned what and when, and whether the certificate is still valid (public: the code is the key).");
        open.MapGet("/{code}/pdf", PdfAsync).Refuses(404).Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .WithSummary("Download a certificate PDF").WithDescription("The certificate as a PDF, with its code and a QR code to the verification page.");
        open.MapGet("/{code}/badge", BadgeAsync).Refuses(404).Produces<string>(StatusCodes.Status200OK, "application/vc+jwt")
            .WithSummary("Download the Open Badge").WithDescription("The certificate as an Open Badges 3.0 credential: a VC-JWT signed with a key from the Api's JWKS (`/.well-known/jwks.json`).");
        endpoints.MapGet("/api/admin/certificates", ListAsync).WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy)
            .WithSummary("List certificates").WithDescription("Every certificate, newest first; `q` matches the code, the student's name or email, or the course title; `valid=true|false` filters by revocation. Paged.");
        endpoints.MapPost("/api/admin/certificates/{code}/revoke", RevokeAsync).WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy)
            .Refuses(404).WithSummary("Revoke a certificate").WithDescription("Marks a certificate no longer valid, with a reason the verification page shows. Audited.");
        return endpoints;
    }

    private static async Task<Ok<List<MyCertificate>>> MineAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var rows = await db.Certificates.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(c => new MyCertificate(c.Code, c.CourseId, c.CourseTitle, c.CompletedAt, c.IssuedAt, c.IsValid)).ToList());
    }

    private static async Task<Ok<CertificateVerification>> VerifyAsync(string code, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var c = await FindAsync(db, code, cancellationToken);
        return TypedResults.Ok(new CertificateVerification(c.Code, c.StudentName, c.CourseTitle, c.TeacherName, c.CompletedAt, c.IssuedAt, c.IsValid,
            c.RevokedAt, c.RevokedReason, c.PdfBlobName is not null));
    }

    private static async Task<FileStreamHttpResult> PdfAsync(string code, CourseHubDbContext db, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var certificate = await FindAsync(db, code, cancellationToken);
        if (certificate.PdfBlobName is null)
        {
            throw Refusal.NotFound("pdf-not-ready", "The PDF is being prepared", "It is ready a few seconds after the course is completed.");
        }
        var stream = await blobs.GetBlobContainerClient(CertificateBlobs.Container).GetBlobClient(certificate.PdfBlobName).OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.File(stream, "application/pdf", $"coursehub-certificate-{certificate.Code}.pdf");
    }

    private static async Task<ContentHttpResult> BadgeAsync(string code, HttpContext context, CourseHubDbContext db, SigningKeys keys, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var c = await FindAsync(db, code, cancellationToken);
        var web = configuration.WebBaseUrl();
        var api = $"{context.Request.Scheme}://{context.Request.Host}";
        var credentialId = $"{web}/certificates/{c.Code}";
        var credential = new Dictionary<string, object?>
        {
            ["@context"] = new[] { "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" },
            ["id"] = credentialId,
            ["type"] = new[] { "VerifiableCredential", "OpenBadgeCredential" },
            ["issuer"] = new Dictionary<string, object> { ["id"] = api, ["type"] = new[] { "Profile" }, ["name"] = "CourseHub", ["url"] = web },
            ["validFrom"] = c.IssuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["name"] = $"Completed {c.CourseTitle}",
            ["credentialSubject"] = new Dictionary<string, object>
            {
                ["id"] = $"urn:uuid:{c.UserId}",
                ["type"] = new[] { "AchievementSubject" },
                ["name"] = c.StudentName,
                ["achievement"] = new Dictionary<string, object>
                {
                    ["id"] = $"{web}/courses/{c.CourseId}",
                    ["type"] = new[] { "Achievement" },
                    ["name"] = c.CourseTitle,
                    ["description"] = $"Completed every lesson of “{c.CourseTitle}”, taught by {c.TeacherName}, on CourseHub.",
                    ["criteria"] = new Dictionary<string, object> { ["narrative"] = "Complete every lesson of the course, passing its quizzes." },
                },
            },
            ["credentialStatus"] = new Dictionary<string, object> { ["id"] = $"{api}/api/certificates/{c.Code}", ["type"] = "CourseHubVerification" },
            // JWT claims, as VC-JWT maps them: who signed, about whom, since when, which credential.
            ["iss"] = api,
            ["sub"] = $"urn:uuid:{c.UserId}",
            ["jti"] = credentialId,
            ["nbf"] = c.IssuedAt.ToUnixTimeSeconds(),
        };
        var jwt = Handler.CreateToken(JsonSerializer.Serialize(credential), await keys.GetAsync(cancellationToken),
            new Dictionary<string, object> { ["typ"] = "vc+jwt" });
        return TypedResults.Content(jwt, "application/vc+jwt");
    }

    private static async Task<Ok<PagedResult<AdminCertificate>>> ListAsync(string? q, bool? valid, int? page, int? pageSize, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var rows = from certificate in db.Certificates.AsNoTracking()
                   join user in db.Users on certificate.UserId equals user.Id into users
                   from user in users.DefaultIfEmpty()
                   select new { certificate, Email = user == null ? "" : user.Email };
        if (valid is { } wanted)
        {
            rows = wanted ? rows.Where(r => r.certificate.RevokedAt == null) : rows.Where(r => r.certificate.RevokedAt != null);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePatterns.Contains(q);
            rows = rows.Where(r => EF.Functions.ILike(r.certificate.Code, pattern) || EF.Functions.ILike(r.certificate.StudentName, pattern)
                || EF.Functions.ILike(r.Email!, pattern) || EF.Functions.ILike(r.certificate.CourseTitle, pattern));
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.certificate.IssuedAt).ThenBy(r => r.certificate.Code)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var result = items.Select(r => new AdminCertificate(r.certificate.Code, r.certificate.UserId, r.certificate.StudentName, r.Email ?? "",
            r.certificate.CourseId, r.certificate.CourseTitle, r.certificate.TeacherName, r.certificate.CompletedAt, r.certificate.IssuedAt,
            r.certificate.IsValid, r.certificate.RevokedAt, r.certificate.RevokedReason)).ToList();
        return TypedResults.Ok(new PagedResult<AdminCertificate>(result, total, number, size));
    }

    private static async Task<Results<Ok<CertificateVerification>, ValidationProblem>> RevokeAsync(string code, RevokeCertificateRequest request, HttpContext context,
        CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
        {
            return Problems.Field("reason", "Say why the certificate is revoked (up to 500 characters): the verification page shows it.");
        }
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Certificate not found", "No certificate has this code.");
        certificate.RevokedAt ??= clock.GetUtcNow();
        certificate.RevokedReason = request.Reason.Trim();
        var student = await db.Users.SingleOrDefaultAsync(u => u.Id == certificate.UserId, cancellationToken);
        db.Record(clock, context.User, "certificate.revoke", $"{certificate.Code} ({certificate.CourseTitle}): {certificate.RevokedReason}", student);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await VerifyAsync(code, db, cancellationToken)).Value!);
    }

    private static async Task<Certificate> FindAsync(CourseHubDbContext db, string code, CancellationToken cancellationToken) =>
        await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code.Trim().ToUpperInvariant(), cancellationToken)
        ?? throw Refusal.NotFound("not-found", "Certificate not found", "No certificate has this code. Check it against the one printed on the certificate.");
}
