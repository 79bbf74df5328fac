namespace CourseHub.Contracts;

/// <summary>One page of a longer list: the items, how many there are in all, and which page this is.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>An answer that only says what happens next, e.g. "a reset link is on its way".</summary>
public sealed record MessageResponse(string Message);

/// <summary>
/// The page size every paged list uses unless the caller asks for another (the Api's default and the Web's tables), so
/// one admin list does not page by 20 and the next by 25.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The page number (from 1) and size a request asked for, within bounds.</summary>
    public static (int Page, int Size) Of(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
