using CourseHub.GoogleEmulator.Pages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CourseHub.GoogleEmulator.Authorize;

/// <summary>
/// Google's authorization endpoint: a page where the tester picks a recent identity or types one (email, name, whether
/// the address is verified), then the browser goes back to the client's redirect URI with a code and the state.
/// </summary>
public static class AuthorizeEndpoints
{
    public const string Path = "/o/oauth2/v2/auth";

    /// <summary>The request's parameters the page carries through its form unchanged.</summary>
    private static readonly string[] Carried = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "max_age"];

    public static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request, IOptions<EmulatorOptions> options, AuthorizationCodes codes) =>
        {
            var parameters = Carried.ToDictionary(name => name, name => request.Query[name].ToString());
            return RequestError(parameters, options.Value) is { } error
                ? Html.Page("Request refused", $"<h1>Request refused</h1><p class=\"alert\" role=\"alert\">{Html.Encode(error)}</p>", 400)
                : ChooserPage(parameters, codes.Recent, email: "", name: "", verified: true, fieldError: null);
        });
        endpoints.MapPost(Path, async (HttpRequest request, IOptions<EmulatorOptions> options, AuthorizationCodes codes, TimeProvider clock) =>
        {
            var form = await request.ReadFormAsync();
            var parameters = Carried.ToDictionary(name => name, name => form[name].ToString());
            if (RequestError(parameters, options.Value) is { } error)
            {
                return Html.Page("Request refused", $"<h1>Request refused</h1><p class=\"alert\" role=\"alert\">{Html.Encode(error)}</p>", 400);
            }
            var back = new Dictionary<string, string?>();
            if (parameters["state"] is { Length: > 0 } state)
            {
                back["state"] = state;
            }
            if (form["action"] == "cancel")
            {
                back["error"] = "access_denied";
                return Results.Redirect(QueryHelpers.AddQueryString(parameters["redirect_uri"], back));
            }
            var email = form["email"].ToString().Trim();
            var name = form["name"].ToString().Trim();
            var verified = form["email_verified"] == "true";
            if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                return ChooserPage(parameters, codes.Recent, email, name, verified, "Enter an email address.");
            }
            var identity = new TestIdentity(AuthorizationCodes.SubjectFor(email), email, name.Length > 0 ? name : email.Split('@')[0], verified);
            back["code"] = codes.Issue(new PendingCode(parameters["client_id"], parameters["redirect_uri"], NullIfEmpty(parameters["nonce"]),
                NullIfEmpty(parameters["code_challenge"]), NullIfEmpty(parameters["code_challenge_method"]), identity,
                clock.GetUtcNow() + options.Value.CodeLifetime,
                // As Google: asked with max_age, the ID token says when the user signed in — on this page, just now.
                parameters["max_age"].Length > 0 ? clock.GetUtcNow() : null));
            back["scope"] = parameters["scope"];
            return Results.Redirect(QueryHelpers.AddQueryString(parameters["redirect_uri"], back));
        }).DisableAntiforgery();
        return endpoints;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>What Google would refuse before showing anything (an unknown client, no redirect, not the code flow).</summary>
    private static string? RequestError(Dictionary<string, string> parameters, EmulatorOptions options)
    {
        if (parameters["client_id"] != options.ClientId)
        {
            return "The OAuth client was not found (client_id).";
        }
        if (!Uri.TryCreate(parameters["redirect_uri"], UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
        {
            return "redirect_uri must be an absolute http(s) URL.";
        }
        if (parameters["response_type"] != "code")
        {
            return "Only response_type=code (the authorization-code flow) is supported.";
        }
        if (!parameters["scope"].Split(' ').Contains("openid"))
        {
            return "scope must include openid.";
        }
        if (parameters["code_challenge"].Length > 0 && parameters["code_challenge_method"] is not ("S256" or "plain" or ""))
        {
            return "code_challenge_method must be S256 or plain.";
        }
        if (parameters["max_age"].Length > 0 && !int.TryParse(parameters["max_age"], System.Globalization.NumberStyles.None, null, out _))
        {
            return "max_age must be a number of seconds.";
        }
        return null;
    }

    private static IResult ChooserPage(Dictionary<string, string> parameters, IReadOnlyList<TestIdentity> recent, string email, string name, bool verified,
        string? fieldError)
    {
        var hidden = string.Concat(parameters.Select(parameter =>
            $"<input type=\"hidden\" name=\"{parameter.Key}\" value=\"{Html.Encode(parameter.Value)}\">"));
        var client = Uri.TryCreate(parameters["redirect_uri"], UriKind.Absolute, out var redirect) ? redirect.Authority : parameters["redirect_uri"];
        var accounts = recent.Count == 0 ? "" : $"""
            <h2 style="font-size:1rem;margin:0 0 .5rem">Recent test accounts</h2>
            <ul class="accounts">
            {string.Concat(recent.Select(identity => $"""
                <li><form method="post" action="{Path}">{hidden}
                  <input type="hidden" name="email" value="{Html.Encode(identity.Email)}">
                  <input type="hidden" name="name" value="{Html.Encode(identity.Name)}">
                  <input type="hidden" name="email_verified" value="{(identity.EmailVerified ? "true" : "false")}">
                  <button type="submit" name="action" value="continue">{Html.Encode(identity.Name)}<small>{Html.Encode(identity.Email)}</small></button>
                </form></li>
                """))}
            </ul>
            """;
        var error = fieldError is null ? "" : $"<p class=\"field-error\" id=\"email-error\">{Html.Encode(fieldError)}</p>";
        // max_age asks for a fresh sign-in (a re-authentication): Google asks for the password again; here, for the account again.
        var title = parameters["max_age"].Length > 0 ? "Confirm it's you" : "Choose an account";
        return Html.Page(title, $"""
            <h1>{title}</h1>
            <p class="client">to continue to {Html.Encode(client)}</p>
            {accounts}
            <form method="post" action="{Path}" novalidate>
              {hidden}
              <label for="email">Email</label>
              <input type="email" id="email" name="email" value="{Html.Encode(email)}" autocomplete="off" required
                     {(fieldError is null ? "" : "aria-invalid=\"true\" aria-describedby=\"email-error\"")}>
              {error}
              <label for="name">Name</label>
              <input type="text" id="name" name="name" value="{Html.Encode(name)}" autocomplete="off">
              <label class="check"><input type="checkbox" id="email_verified" name="email_verified" value="true" {(verified ? "checked" : "")}> Email address verified</label>
              <div class="actions">
                <button type="submit" class="secondary" name="action" value="cancel">Cancel</button>
                <button type="submit" class="primary" name="action" value="continue">Continue</button>
              </div>
            </form>
            """, fieldError is null ? 200 : 400);
    }
}
