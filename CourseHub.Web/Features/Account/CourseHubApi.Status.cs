using CourseHub.Web.Features.Status;

namespace CourseHub.Web.Features.Account;

/// <summary>The admin part of the platform status (the public summary needs no session: <see cref="StatusClient"/>).</summary>
public sealed partial class CourseHubApi
{
    public Task<ApiResult<StatusDetails>> GetStatusDetailsAsync() => SendAsync<StatusDetails>(HttpMethod.Get, "/api/status/details", null);
}
