using CourseHub.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints(); // the Worker serves only /health and /alive, for the AppHost and Azure probes
app.Run();
