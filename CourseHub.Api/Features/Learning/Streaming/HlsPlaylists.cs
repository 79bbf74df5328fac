namespace CourseHub.Api.Features.Learning.Streaming;

/// <summary>
/// Rewrites the HLS playlists the Worker stored: every URI line (a variant playlist in the master, a segment in a
/// variant) gets the viewer's signed <c>t</c> parameter. URIs stay relative, so they resolve under whichever address
/// serves the playlist (the Api's route or the Web's proxy of it).
/// </summary>
public static class HlsPlaylists
{
    public static string SignUris(string playlist, string token)
    {
        var query = "?t=" + Uri.EscapeDataString(token);
        var lines = playlist.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            // A URI line is any non-empty line that is not a tag or comment; ours are plain relative names.
            if (line.Length > 0 && !line.StartsWith('#') && !line.Contains('?') && !line.Contains("://", StringComparison.Ordinal))
            {
                lines[i] = line + query;
            }
        }
        return string.Join('\n', lines);
    }
}
