namespace CourseHub.Api.Infrastructure;

/// <summary>Search boxes of admin lists: what the user typed, matched anywhere, with LIKE's own characters taken literally.</summary>
public static class LikePatterns
{
    /// <summary>"%text%" with \, % and _ escaped (PostgreSQL's default LIKE escape is the backslash).</summary>
    public static string Contains(string text) =>
        $"%{text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
