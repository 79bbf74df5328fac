// The orchestrator drives Linux process groups (setsid, setpriv, kill(2)) and Debian's server packages.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
