namespace CourseHub.StripeEmulator.Api;

/// <summary>An error Stripe would answer with; the API middleware writes it as <c>{"error":{…}}</c> with its status.</summary>
public sealed class StripeApiException(int statusCode, string type, string message, string? param = null, string? code = null, string? declineCode = null)
    : Exception(message)
{
    public int StatusCode => statusCode;
    public string Type => type;
    public string? Param => param;
    public string? Code => code;
    public string? DeclineCode => declineCode;

    public object ToBody() => new
    {
        error = new Dictionary<string, string?>
        {
            ["type"] = type,
            ["message"] = Message,
            ["param"] = param,
            ["code"] = code,
            ["decline_code"] = declineCode,
        }.Where(entry => entry.Value is not null).ToDictionary(),
    };

    public static StripeApiException MissingParam(string param) =>
        new(400, "invalid_request_error", $"Missing required param: {param}.", param, "parameter_missing");

    public static StripeApiException InvalidParam(string param, string message) =>
        new(400, "invalid_request_error", message, param, "parameter_invalid_string");

    public static StripeApiException NoSuch(string objectName, string id, string? param = null) =>
        new(param is null ? 404 : 400, "invalid_request_error", $"No such {objectName}: '{id}'", param ?? "id", "resource_missing");

    public static StripeApiException Card(string message, string code, string? declineCode = null) =>
        new(402, "card_error", message, code == "incorrect_number" ? "number" : null, code, declineCode);
}
