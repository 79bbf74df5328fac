namespace CourseHub.Web.Components.Pages.Live;

/// <summary>
/// What an inline form (a reason to cancel, a new time) asks its page to do, and whether the page did it (then the form
/// closes). It travels through an <see cref="Microsoft.AspNetCore.Components.EventCallback{TValue}"/> rather than a
/// plain delegate so that Blazor re-renders the page after handling it: the page's message and its updated rows show.
/// </summary>
public sealed class InlineAction<T>(T value)
{
    public T Value { get; } = value;
    public bool Done { get; set; }
}
