namespace CourseHub.AppHost.LocalServers;

/// <summary>MailDev (npm): an SMTP server that keeps every mail, with a web UI and a REST API to read them.</summary>
public sealed class MailDevResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Smtp => new(this, "smtp");
    public EndpointReference Web => new(this, "http");
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint=smtp://127.0.0.1:{Smtp.Property(EndpointProperty.Port)}");
}

public static class MailDevBuilderExtensions
{
    public const string ClearInboxCommand = "clear-inbox";

    public static IResourceBuilder<IResourceWithConnectionString> AddMailDev(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.TryAddExistingServer(name, Probe.SmtpAsync) is { } existing)
        {
            return existing;
        }
        var settings = LocalServerSettings.For(builder);
        var binary = ServerProcess.FindOnPath("maildev");
        if (binary is null)
        {
            settings.MissingPrerequisites.Add("MailDev (maildev) — install: sudo npm install -g maildev@2");
        }
        var folder = settings.DataFolderFor(name, serviceAccount: null);
        var smtpPort = settings.Port(1025);
        var webPort = settings.Port(1080);
        var mail = builder.AddResource(new MailDevResource(name, binary ?? "maildev", folder))
            .WithArgs("--smtp", smtpPort.ToString(), "--web", webPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", folder)
            .WithLocalEndpoint("smtp", smtpPort, "smtp")
            .WithLocalEndpoint("http", webPort, "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Inbox (MailDev)")
            .WithHttpCommand("/email/all", "Clear inbox", endpointName: "http", commandName: ClearInboxCommand, commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Delete,
                Description = "Delete every mail MailDev has received",
                ConfirmationMessage = "Delete every mail in the local inbox?",
                IconName = "Delete",
            })
            .WithIconName("MailInbox")
            .OnBeforeResourceStarted((_, _, cancellationToken) => ServerProcess.PrepareFolderAsync(folder, null, cancellationToken))
            .WithReadinessProbe(cancellationToken => Probe.HttpAsync($"http://127.0.0.1:{webPort}/email", anyStatus: false, cancellationToken));
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(mail.Resource);
    }
}
