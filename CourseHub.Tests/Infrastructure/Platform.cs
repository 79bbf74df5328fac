// The tests drive the Linux-only AppHost and real Debian servers.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
