using System.Globalization;
using CourseHub.Contracts;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.LiveClasses;

/// <summary>Live classes over the Api: availability, slots, bookings and their answers, group sessions, the room, the feed, admin.</summary>
public sealed class LiveClassClient(ApiCaller api)
{
    public const int AdminPageSize = 25;

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    public Task<ApiResult<AvailabilityDto>> AvailabilityAsync() => api.SendAsync<AvailabilityDto>(HttpMethod.Get, "/api/teach/availability", null);

    public Task<ApiResult<AvailabilityDto>> SaveAvailabilityAsync(AvailabilityDto availability) =>
        api.SendAsync<AvailabilityDto>(HttpMethod.Put, "/api/teach/availability", availability);

    public Task<ApiResult<TeacherLiveOfferDto>> OfferAsync(Guid teacherId) =>
        api.SendAsync<TeacherLiveOfferDto>(HttpMethod.Get, $"/api/teachers/{teacherId}/live-classes", null);

    public Task<ApiResult<List<SlotDto>>> SlotsAsync(Guid teacherId, DateTimeOffset from, DateTimeOffset to, int minutes) =>
        api.SendAsync<List<SlotDto>>(HttpMethod.Get, $"/api/teachers/{teacherId}/slots?from={Iso(from)}&to={Iso(to)}&minutes={minutes}", null);

    public Task<ApiResult<BookingDto>> RequestAsync(Guid teacherId, DateTimeOffset start, int minutes, string? note) =>
        api.SendAsync<BookingDto>(HttpMethod.Post, "/api/bookings", new CreateBookingRequest(teacherId, start, minutes, note));

    public Task<ApiResult<List<BookingDto>>> MyBookingsAsync() => api.SendAsync<List<BookingDto>>(HttpMethod.Get, "/api/me/bookings", null);

    public Task<ApiResult<BookingDto>> ApproveAsync(Guid id) => api.SendAsync<BookingDto>(HttpMethod.Post, $"/api/teach/bookings/{id}/approve", null);

    public Task<ApiResult<BookingDto>> RejectAsync(Guid id, string reason) =>
        api.SendAsync<BookingDto>(HttpMethod.Post, $"/api/teach/bookings/{id}/reject", new BookingReasonRequest(reason));

    public Task<ApiResult<BookingDto>> CancelAsync(Guid id, string reason) =>
        api.SendAsync<BookingDto>(HttpMethod.Post, $"/api/bookings/{id}/cancel", new BookingReasonRequest(reason));

    public Task<ApiResult<BookingDto>> RescheduleAsync(Guid id, DateTimeOffset start) =>
        api.SendAsync<BookingDto>(HttpMethod.Post, $"/api/bookings/{id}/reschedule", new RescheduleBookingRequest(start));

    public Task<ApiResult<List<GroupSessionDto>>> MySessionsAsync() => api.SendAsync<List<GroupSessionDto>>(HttpMethod.Get, "/api/me/sessions", null);

    public Task<ApiResult<GroupSessionDto>> ScheduleSessionAsync(CreateGroupSessionRequest request) =>
        api.SendAsync<GroupSessionDto>(HttpMethod.Post, "/api/teach/sessions", request);

    public Task<ApiResult<GroupSessionDto>> RegisterAsync(Guid sessionId) =>
        api.SendAsync<GroupSessionDto>(HttpMethod.Post, $"/api/sessions/{sessionId}/register", null);

    public Task<ApiResult<NoBody>> LeaveAsync(Guid sessionId) => api.SendAsync<NoBody>(HttpMethod.Post, $"/api/sessions/{sessionId}/leave", null);

    public Task<ApiResult<LiveSessionDto>> LiveSessionAsync(Guid id) => api.SendAsync<LiveSessionDto>(HttpMethod.Get, $"/api/live-sessions/{id}", null);

    public Task<ApiResult<CalendarFeedDto>> FeedAsync() => api.SendAsync<CalendarFeedDto>(HttpMethod.Get, "/api/me/calendar-feed", null);

    public Task<ApiResult<CalendarFeedDto>> RegenerateFeedAsync() => api.SendAsync<CalendarFeedDto>(HttpMethod.Post, "/api/me/calendar-feed", null);

    public Task<ApiResult<List<BookingConflictDto>>> AdminConflictsAsync() =>
        api.SendAsync<List<BookingConflictDto>>(HttpMethod.Get, "/api/admin/bookings/conflicts", null);

    public Task<ApiResult<PagedResult<BookingDto>>> AdminBookingsAsync(string? status, DateTimeOffset? from, DateTimeOffset? to, int page) =>
        api.SendAsync<PagedResult<BookingDto>>(HttpMethod.Get, $"/api/admin/bookings?page={page}&pageSize={AdminPageSize}"
            + (string.IsNullOrEmpty(status) ? "" : $"&status={Uri.EscapeDataString(status)}")
            + (from is { } f ? $"&from={Iso(f)}" : "") + (to is { } t ? $"&to={Iso(t)}" : ""), null);
}
