using System.Runtime.InteropServices;

namespace Ledger.Operations.Tests.Support;

/// <summary>Signals a process: .NET's Process.Kill only sends SIGKILL, and a graceful stop needs SIGTERM.</summary>
internal static class Posix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;
}
