namespace CourseHub.GoogleEmulator.Control;

/// <summary>
/// What the next ID token gets wrong, set by a test through <c>POST /_emulator/next-id-token</c> (one token only): signed
/// by a key the JWKS does not publish, or issued for another audience. A relying party must refuse both.
/// </summary>
public sealed record NextIdToken(bool SignWithUnpublishedKey = false, string? Audience = null, string? Issuer = null);

public sealed class Misbehaviour
{
    private NextIdToken? _next;

    public void Set(NextIdToken next) => Interlocked.Exchange(ref _next, next);

    public NextIdToken? Take() => Interlocked.Exchange(ref _next, null);

    public static IEndpointRouteBuilder MapControlEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/_emulator/next-id-token", (NextIdToken next, Misbehaviour misbehaviour) =>
        {
            misbehaviour.Set(next);
            return Results.NoContent();
        });
        return endpoints;
    }
}
