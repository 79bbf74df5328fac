using CourseHub.Domain;
using CourseHub.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CourseHub.Tests.ServiceDefaults;

/// <summary>Automatic statement preparation is what a service asks for: on for Realtime's chat path, off by default.</summary>
public sealed class StatementPreparationTests
{
    [Fact]
    public async Task A_service_that_asks_for_automatic_preparation_gets_it_on_its_connections_and_others_do_not()
    {
        NpgsqlConnectionStringBuilder ConnectionOf(WebApplication app)
        {
            using var scope = app.Services.CreateScope();
            return new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<CourseHubDbContext>().Database.GetConnectionString());
        }

        var preparing = ServiceHost.CreateBuilder(autoPrepare: 32);
        await using var preparingApp = preparing.Build();
        var prepared = ConnectionOf(preparingApp);
        Assert.Equal(32, prepared.MaxAutoPrepare);
        Assert.Equal(2, prepared.AutoPrepareMinUsages);
        // The rest of the connection string is kept.
        Assert.Equal("coursehub", prepared.Database);

        await using var plainApp = ServiceHost.CreateBuilder().Build();
        Assert.Equal(0, ConnectionOf(plainApp).MaxAutoPrepare);
    }
}
