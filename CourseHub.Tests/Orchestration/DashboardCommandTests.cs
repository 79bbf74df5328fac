using CourseHub.AppHost.LocalServers;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>The custom commands the AppHost puts on the dashboard, run the way the dashboard runs them.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardCommandTests(SystemFixture system)
{
    [Fact]
    public async Task Clear_inbox_on_the_mail_server_deletes_every_mail_MailDev_holds()
    {
        var subject = $"Before clearing {Guid.NewGuid():N}";
        await using (var db = system.CreateDbContext())
        {
            db.AddIntegrationEvent(new EmailRequested("learner@example.com", subject, $"<p>{subject}</p>", subject), TimeProvider.System);
            await db.SaveChangesAsync();
        }
        await system.Mail.WaitForSubjectAsync(subject, TimeSpan.FromSeconds(60));

        var result = await system.App.ResourceCommands.ExecuteCommandAsync(system.ResourceId("mail"), MailDevBuilderExtensions.ClearInboxCommand);

        Assert.True(result.Success, result.Message);
        // Not "empty": the running system may send a mail of its own (a reminder, a digest) right after the clearing.
        Assert.DoesNotContain(await system.Mail.AllAsync(), mail => mail.Subject == subject);
    }
}
