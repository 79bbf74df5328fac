namespace CourseHub.Web;

/// <summary>Settings the Web front end cannot start without; the deployment tests check the Bicep template provides each.</summary>
public static class RequiredConfiguration
{
    public static readonly string[] Keys =
    [
        "ConnectionStrings:redis",
        "services:api:http:0",
        "services:realtime:http:0",
    ];
}
