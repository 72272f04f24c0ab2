using System.Diagnostics;

namespace Ledger.Testing;

/// <summary>
/// Makes sure a test server never outlives its test process for long: stopped and deleted at exit, by a watchdog
/// if the process is killed, and by the next run if even that failed.
/// </summary>
internal static class PostgresServerCleanup
{
    /// <summary>
    /// A test host may be killed (a crash, or the runner's short grace period at exit), so a detached shell waits
    /// for this process to end and then stops the server and deletes its folder, whatever happened here.
    /// </summary>
    public static void StartWatchdog(PostgresBinaries binaries, string folder)
    {
        var pgCtl = Path.Combine(binaries.Folder, "pg_ctl");
        var stop = PostgresBinaries.RunAsPostgres ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
        var script =
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"{stop} -D '{folder}/data' -m immediate -w stop; rm -rf '{folder}'";
        PostgresBinaries.Run("setsid", ["-f", "sh", "-c", script], asPostgres: false);
    }

    /// <summary>At exit: an immediate shutdown by signal (no child processes to start), then the folder goes.</summary>
    public static void StopQuicklyAndDelete(string folder)
    {
        try
        {
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
            {
                const int sigquit = 3; // PostgreSQL's "immediate shutdown"
                _ = Kill(postmaster, sigquit);
                var clock = Stopwatch.StartNew();
                while (IsAlive(postmaster) && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    Thread.Sleep(10);
                }
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The watchdog finishes the job once this process is gone.
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static void StopAndDelete(PostgresBinaries binaries, string folder)
    {
        try
        {
            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                binaries.Run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (PostgresServerException)
        {
            // Already stopped: deleting the folder is all that is left to do.
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Stops and deletes the servers of test processes that died without cleaning up.</summary>
    public static void ReapAbandonedFolders(PostgresBinaries binaries, string folderPrefix, string ownerFile)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), folderPrefix + "*"))
        {
            var owner = Path.Combine(folder, ownerFile);
            var abandoned = File.Exists(owner)
                ? int.TryParse(File.ReadAllText(owner).Trim(), out var pid) && !IsAlive(pid)
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-1); // half deleted, or never started
            if (abandoned)
            {
                StopAndDelete(binaries, folder);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
