namespace CourseHub.Api.Features.LiveClasses;

/// <summary><c>LiveClasses:*</c> settings.</summary>
public sealed class LiveClassOptions
{
    public const string Section = "LiveClasses";

    /// <summary>Where meeting rooms live: the public Jitsi Meet unless a self-hosted one is configured.</summary>
    public string JitsiBaseUrl { get; set; } = "https://meet.jit.si";

    /// <summary>Copied on every confirmation, move and cancel; unset: the bootstrap admin (<c>Admin:Email</c>).</summary>
    public string? AdminEmail { get; set; }

    /// <summary>How long a request holds its slot without the teacher's answer (never past the session's start).</summary>
    public int HoldHours { get; set; } = 24;

    /// <summary>How close to the start a student or teacher may still cancel or move a session (admins always may).</summary>
    public int ChangeNoticeHours { get; set; } = 2;

    /// <summary>How long before the booked start the live room opens (Realtime reads the same key).</summary>
    public int RoomOpensMinutesBefore { get; set; } = 10;

    /// <summary><c>LiveClasses:Jitsi:AppId</c> and <c>…:AppSecret</c>: set both for a self-hosted Jitsi that wants signed tokens.</summary>
    public JitsiTokenOptions Jitsi { get; set; } = new();
}

public sealed class JitsiTokenOptions
{
    public string? AppId { get; set; }
    public string? AppSecret { get; set; }
}
