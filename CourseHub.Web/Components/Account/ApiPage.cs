using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CourseHub.Web.Components.Account;

/// <summary>
/// Base of pages that call the Api: shows the server's field errors next to the fields, and sends
/// the visitor to sign-in when the session has ended (or when the page needs a signed-in user or a role).
/// </summary>
public abstract class ApiPage : ComponentBase
{
    [Inject] protected NavigationManager Navigation { get; set; } = null!;
    [CascadingParameter] protected Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Server-side errors by field name (camelCase, as the Api reports them).</summary>
    protected Dictionary<string, string> ServerErrors { get; } = new(StringComparer.OrdinalIgnoreCase);
    protected string? FormError { get; set; }
    protected bool Busy { get; set; }

    protected bool HasError(string field) => ServerErrors.ContainsKey(field);
    protected string? ErrorOf(string field) => ServerErrors.GetValueOrDefault(field);
    protected void ClearError(string field) => ServerErrors.Remove(field);

    /// <summary>Redirects to sign-in unless a user (with <paramref name="role"/>, if given) is signed in; returns whether the page may render.</summary>
    protected async Task<bool> RequireUserAsync(string? role = null)
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        if (state?.User.Identity?.IsAuthenticated != true)
        {
            Navigation.NavigateTo($"/account/sign-in?returnUrl={Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri).Insert(0, "/"))}", forceLoad: true);
            return false;
        }
        return role is null || state.User.IsInRole(role);
    }

    /// <summary>Runs an Api call; on failure fills <see cref="ServerErrors"/> / <see cref="FormError"/>.</summary>
    protected async Task<ApiResult<T>?> CallAsync<T>(Func<Task<ApiResult<T>>> call, bool showErrors = true)
    {
        Busy = true;
        ServerErrors.Clear();
        FormError = null;
        try
        {
            var result = await call();
            if (!result.Succeeded && showErrors)
            {
                foreach (var (field, message) in result.FieldErrors)
                {
                    ServerErrors[field] = message;
                }
                if (result.FieldErrors.Count == 0 || result.FieldErrors.ContainsKey(""))
                {
                    FormError = result.FieldErrors.GetValueOrDefault("") ?? result.Message;
                }
            }
            return result;
        }
        catch (SessionEndedException)
        {
            Navigation.NavigateTo("/account/sign-in?ended=1", forceLoad: true);
            return null;
        }
        finally
        {
            Busy = false;
        }
    }
}
