using CourseHub.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationPipeline();
app.MapApplicationEndpoints();
app.Run();
