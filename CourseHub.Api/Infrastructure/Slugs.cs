using System.Text;

namespace CourseHub.Api.Infrastructure;

/// <summary>URL slugs made from titles: lower-case ASCII letters and digits joined by single hyphens.</summary>
public static class Slugs
{
    public static string FromTitle(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if ((c == ' ' || c == '-' || c == '/' || c == '+') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().Trim('-');
    }
}
