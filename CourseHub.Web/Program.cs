using CourseHub.Web;
using CourseHub.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationPipeline();
app.MapDefaultEndpoints();
app.MapStaticAssets();
// Our Content-Security-Policy (SecurityHeaders) says frame-ancestors 'none'; Blazor's own "frame-ancestors 'self'" header is off.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
app.Run();
