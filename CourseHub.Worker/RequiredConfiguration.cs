namespace CourseHub.Worker;

/// <summary>Settings the Worker cannot start without; the deployment tests check the Bicep template provides each.</summary>
public static class RequiredConfiguration
{
    public static readonly string[] Keys =
    [
        "ConnectionStrings:coursehub",
        "ConnectionStrings:redis",
        "ConnectionStrings:messaging",
        "ConnectionStrings:blobs",
        "ConnectionStrings:mail",
    ];
}
