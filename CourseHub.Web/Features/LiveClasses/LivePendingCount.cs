namespace CourseHub.Web.Features.LiveClasses;

/// <summary>
/// How many booking requests wait for the signed-in teacher's answer, shared in one circuit (browser tab) by the navigation's
/// badge and the bookings page, so answering a request there lowers the badge at once.
/// </summary>
public sealed class LivePendingCount
{
    public int? Value { get; private set; }
    public event Action? Changed;

    public void Set(int value)
    {
        if (Value != value)
        {
            Value = value;
            Changed?.Invoke();
        }
    }
}
