using CourseHub.Web.Components.Account;
using CourseHub.Web.Features.LiveClasses;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CourseHub.Web.Components.Pages.Live;

/// <summary>
/// Base of the live-class pages: they show instants in the browser's own time zone, which only the browser knows, so they
/// load once the circuit runs (after the first render) and show a loading state until then.
/// </summary>
public abstract class LivePage : ApiPage
{
    [Inject] protected IJSRuntime JS { get; set; } = null!;

    /// <summary>The browser's zone, null until the first interactive render asked it.</summary>
    protected TimeZoneInfo? Zone { get; private set; }
    protected string ZoneName { get; private set; } = "UTC";
    protected bool SignedIn { get; private set; }

    protected override async Task OnInitializedAsync() => SignedIn = await RequireUserAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !SignedIn)
        {
            return;
        }
        try
        {
            ZoneName = await JS.InvokeAsync<string>("courseHubLive.timeZone");
        }
        catch (JSException)
        {
            ZoneName = "UTC";
        }
        Zone = LiveTimes.Zone(ZoneName);
        if (Zone == TimeZoneInfo.Utc)
        {
            ZoneName = "UTC";
        }
        await LoadAsync();
        StateHasChanged();
    }

    /// <summary>The page's first load, once the zone is known.</summary>
    protected abstract Task LoadAsync();

    protected string When(DateTimeOffset start, DateTimeOffset end) => LiveTimes.When(start, end, Zone ?? TimeZoneInfo.Utc);
    protected string Day(DateTimeOffset at) => LiveTimes.Day(at, Zone ?? TimeZoneInfo.Utc);
    protected string Time(DateTimeOffset at) => LiveTimes.Time(at, Zone ?? TimeZoneInfo.Utc);
}
