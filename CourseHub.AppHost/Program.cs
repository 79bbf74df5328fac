using CourseHub.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

// The CourseHub application model, in .NET Aspire's vocabulary. `dotnet run` (or F5) starts it all;
// the dashboard URL is printed at start. Replicas: --Replicas:api=3 (etc.) on the command line.
var builder = DistributedApplicationBuilder.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var database = postgres.AddDatabase("coursehub");
var redis = builder.AddRedis("redis");
var messaging = builder.AddRabbitMQ("messaging");
var blobs = builder.AddAzurite("storage").AddBlobs("blobs");
var mail = builder.AddMailDev("mail");

var api = builder.AddProject("api", "../CourseHub.Api/CourseHub.Api.csproj", port: 5101)
    .WithReference(database).WithReference(redis).WithReference(messaging).WithReference(blobs)
    .WaitFor(database).WaitFor(redis).WaitFor(messaging).WaitFor(blobs)
    .WithReplicas(Replicas("api"));
// Demo data (Api default: on in Development). --Seed:Demo=false switches it off.
if (builder.Configuration["Seed:Demo"] is { } seedDemo)
{
    api.WithEnvironment("Seed__Demo", seedDemo);
}
api.WithDemoAccounts(builder);

var realtime = builder.AddProject("realtime", "../CourseHub.Realtime/CourseHub.Realtime.csproj", port: 5102)
    .WithReference(database).WithReference(redis).WithReference(messaging).WithReference(api)
    .WaitFor(database).WaitFor(redis).WaitFor(messaging)
    .WithReplicas(Replicas("realtime"));

builder.AddProject("worker", "../CourseHub.Worker/CourseHub.Worker.csproj", port: 5103)
    .WithReference(database).WithReference(messaging).WithReference(blobs).WithReference(mail)
    .WaitFor(database).WaitFor(messaging).WaitFor(blobs).WaitFor(mail).WaitFor(api)
    .WithReplicas(Replicas("worker"));

var web = builder.AddProject("web", "../CourseHub.Web/CourseHub.Web.csproj", port: 5100)
    .WithReference(redis).WithReference(api).WithReference(realtime)
    .WaitFor(api)
    .WithReplicas(Replicas("web"));

// Account emails link to the Web front end.
api.WithEnvironment("App__WebBaseUrl", builder.Configuration["App:WebBaseUrl"] is { Length: > 0 } webBaseUrl ? webBaseUrl : web.Resource.Url);
// Optional settings handed to the Api only when set (user secrets, appsettings or the command line):
// the first admin account, a fixed token-signing key, the auth rate limit and the upload size limits.
foreach (var key in new[] { "Admin:Email", "Admin:Password", "Auth:SigningKey", "RateLimiting:Auth:PermitLimit", "RateLimiting:Auth:WindowSeconds",
    "Uploads:MaxVideoBytes", "Uploads:MaxFileBytes" })
{
    if (builder.Configuration[key] is { Length: > 0 } value)
    {
        api.WithEnvironment(key.Replace(":", "__"), value);
    }
}
return builder.Build().Run();

int Replicas(string project) => builder.Configuration.GetValue($"Replicas:{project}", 1);
