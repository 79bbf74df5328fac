using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace CourseHub.Api.Infrastructure;

/// <summary>User-supplied file names, made safe to store and to offer back when the file is saved.</summary>
public static class FileNames
{
    public const int MaxLength = 255;
    private const string Reserved = "\"<>:|?*/\\";

    /// <summary>
    /// The last path segment without control, formatting (such as right-to-left overrides that disguise an
    /// extension) or reserved characters, at most 255 characters with the extension kept; "file" when nothing is left.
    /// </summary>
    public static string Sanitize(string? name)
    {
        var lastSegment = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var kept = lastSegment.Where(c => !char.IsControl(c) && !Reserved.Contains(c)
            && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray();
        var clean = new string(kept).Trim().Trim('.').Trim();
        if (clean.Length == 0)
        {
            return "file";
        }
        if (clean.Length <= MaxLength)
        {
            return clean;
        }
        var extension = Path.GetExtension(clean);
        extension = extension.Length is > 0 and <= 16 ? extension : "";
        var cut = MaxLength - extension.Length;
        if (char.IsHighSurrogate(clean[cut - 1]))
        {
            cut--;
        }
        return clean[..cut] + extension;
    }

    /// <summary>A Content-Disposition that saves the file under its (sanitized) name, with an ASCII fallback and RFC 5987 UTF-8.</summary>
    public static string Attachment(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }
}
