namespace CourseHub.Contracts;

/// <summary>One page of a longer list: the items, how many there are in all, and which page this is.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>An answer that only says what happens next, e.g. "a reset link is on its way".</summary>
public sealed record MessageResponse(string Message);
