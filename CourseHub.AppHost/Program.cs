using CourseHub.AppHost;
using CourseHub.AppHost.LocalServers;
using Microsoft.Extensions.Configuration;

// The CourseHub app model. `dotnet run` (or F5, or `aspire run`) starts it all; the dashboard URL and its login token are
// printed at start. Replicas: --Replicas:api=3 (etc.); --reset wipes the local data first.
DashboardPorts.MoveWhenTaken();
var builder = DistributedApplication.CreateBuilder(LocalData.ResetWhenAsked(args));

var postgres = builder.AddPostgres("postgres");
var database = postgres.AddDatabase("coursehub");
var redis = builder.AddRedis("redis");
var messaging = builder.AddRabbitMQ("messaging");
var blobs = builder.AddAzurite("storage").AddBlobs("blobs");
var mail = builder.AddMailDev("mail");

var api = builder.AddProject<Projects.CourseHub_Api>("api")
    .WithEndpoint("http", endpoint => endpoint.Port = PreferredPort(endpoint.Port))
    .WithPlainHttp()
    .WithReference(database).WithReference(redis).WithReference(messaging).WithReference(blobs)
    // Not for the broker: the Api writes events to its outbox and connects when RabbitMQ is up (about 10 s after the
    // others); until then its /health says so and nothing waiting for the Api starts.
    .WaitFor(database).WaitFor(redis).WaitFor(blobs)
    .WithHttpHealthCheck("/health")
    .WithReplicas(Replicas("api"))
    .WithExternalHttpEndpoints()
    .WithDemoAccounts()
    .WithSettingsWhenConfigured("Seed:Demo", "Admin:Email", "Admin:Password", "Auth:SigningKey", "RateLimiting:Auth:PermitLimit",
        "RateLimiting:Auth:WindowSeconds", "Uploads:MaxVideoBytes", "Uploads:MaxFileBytes", "LiveClasses:JitsiBaseUrl", "LiveClasses:AdminEmail",
        "LiveClasses:HoldHours", "LiveClasses:ChangeNoticeHours", "LiveClasses:RoomOpensMinutesBefore", "LiveClasses:Jitsi:AppId",
        "LiveClasses:Jitsi:AppSecret", "Blog:HoldFirstComments", "Video:StreamUrlLifetime")
    .WithStripe(PreferredPort);

var realtime = builder.AddProject<Projects.CourseHub_Realtime>("realtime")
    .WithEndpoint("http", endpoint => endpoint.Port = PreferredPort(endpoint.Port))
    .WithPlainHttp()
    .WithReference(database).WithReference(redis).WithReference(messaging).WithReference(api)
    .WaitFor(database).WaitFor(redis) // its consumers connect to RabbitMQ when it is up, as the Api does
    .WithHttpHealthCheck("/health")
    .WithReplicas(Replicas("realtime"))
    .WithExternalHttpEndpoints()
    .WithSettingsWhenConfigured("LiveClasses:RoomOpensMinutesBefore");

var worker = builder.AddProject<Projects.CourseHub_Worker>("worker")
    .WithEndpoint("http", endpoint => endpoint.Port = PreferredPort(endpoint.Port))
    .WithPlainHttp()
    .WithReference(database).WithReference(redis).WithReference(messaging).WithReference(blobs).WithReference(mail)
    .WaitFor(database).WaitFor(messaging).WaitFor(blobs).WaitFor(mail).WaitFor(api)
    .WithHttpHealthCheck("/health")
    .WithReplicas(Replicas("worker"))
    .WithSettingsWhenConfigured("LiveClasses:ReminderLeadMinutes", "Video:ConcurrentJobs", "Video:Ladder", "Video:SegmentSeconds", "Video:Lease",
        "Video:Heartbeat", "Video:PollInterval", "Video:MaxAttempts", "Video:Preset");

var web = builder.AddProject<Projects.CourseHub_Web>("web")
    .WithEndpoint("http", endpoint => endpoint.Port = PreferredPort(endpoint.Port))
    .WithPlainHttp()
    .WithReference(redis).WithReference(api).WithReference(realtime)
    .WaitFor(api)
    .WithHttpHealthCheck("/health")
    .WithReplicas(Replicas("web"))
    .WithExternalHttpEndpoints();

// The Web's Content-Security-Policy lets pages show images and video from the blob host (the Api hands out SAS URLs there).
if (blobs.Resource is BlobsResource localBlobs)
{
    web.WithEnvironment("Media__BlobEndpoint", ReferenceExpression.Create($"http://127.0.0.1:{localBlobs.Parent.Endpoint.Property(EndpointProperty.Port)}"));
}
web.WithSettingsWhenConfigured("Media:BlobEndpoint");
builder.WithGoogle(api, web, PreferredPort);

// Emails (the Api's account emails, the Worker's receipts) and Stripe's return URLs link to the Web front end.
foreach (var service in new[] { api, worker })
{
    if (builder.Configuration["App:WebBaseUrl"] is not { Length: > 0 })
    {
        service.WithEnvironment("App__WebBaseUrl", web.GetEndpoint("http"));
    }
    service.WithSettingsWhenConfigured("App:WebBaseUrl");
}

if (LocalServerSettings.For(builder).MissingPrerequisites is { Count: > 0 } missing)
{
    Console.Error.WriteLine($"CourseHub cannot start: missing{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", missing)}");
    Console.Error.WriteLine("Or install everything at once: ./eng/install-prerequisites.sh");
    return 1;
}
ReadyAnnouncement.AddTo(builder);
builder.Build().Run();
return 0;

int Replicas(string project) => builder.Configuration.GetValue($"Replicas:{project}", 1);

// The project's well-known port (its launch profile's) when it is free; otherwise (and with DynamicPorts) DCP picks one.
int? PreferredPort(int? port) =>
    port is { } wanted && !LocalServerSettings.For(builder).DynamicPorts && LocalPorts.IsFree(wanted) ? wanted : null;
