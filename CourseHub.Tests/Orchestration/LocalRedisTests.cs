using System.Net.Sockets;
using System.Text;
using CourseHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace CourseHub.Tests.Orchestration;

/// <summary>The local Redis holds sessions and counters: it asks for a password, which the services get in their connection string.</summary>
[Collection(SystemCollection.Name)]
public sealed class LocalRedisTests(SystemFixture system)
{
    [Fact]
    public async Task Redis_refuses_a_client_without_the_password_and_serves_one_with_it()
    {
        var connectionString = system.ConnectionString("redis");
        Assert.Contains("password=", connectionString);
        var endpoint = connectionString.Split(',')[0].Split(':');

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endpoint[0], int.Parse(endpoint[1]));
            var stream = client.GetStream();
            await stream.WriteAsync("GET coursehub:catalog:version\r\n"u8.ToArray());
            var buffer = new byte[128];
            var answer = Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
            Assert.StartsWith("-NOAUTH", answer);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        Assert.True(await redis.GetDatabase().PingAsync() < TimeSpan.FromSeconds(5));
    }
}
