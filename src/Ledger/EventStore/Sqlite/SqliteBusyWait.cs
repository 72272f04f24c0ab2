using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// How a connection waits while another process holds the file's write lock (the server and a command-line verb on
/// one ledger). SQLite's own busy handler, in a library built without <c>usleep</c> as the bundled one is, sleeps a
/// whole second between tries, so an append waited a second for a lock released a few milliseconds later. This one
/// retries on SQLite's schedule for builds with <c>usleep</c>: 1, 2, 5, 10 ... then every 100 ms, until the timeout.
/// </summary>
internal static class SqliteBusyWait
{
    private static readonly int[] Delays = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

    // Kept for the life of the process: SQLite calls it through the pointer handed over below.
    private static readonly BusyHandler Handler = (timeoutMs, tries) => Wait(tries, (int)timeoutMs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr timeoutMs, int tries);

    /// <summary>Replaces the connection's busy handler (and any <c>busy_timeout</c> set before).</summary>
    public static void Install(SqliteConnection connection, int timeoutMs)
    {
        var rc = sqlite3_busy_handler(connection.Handle!.DangerousGetHandle(), Handler, timeoutMs);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>Sleeps before try number <paramref name="tries"/> + 1; returns 0 (give up: SQLITE_BUSY) once the timeout is spent.</summary>
    internal static int Wait(int tries, int timeoutMs)
    {
        var (delay, waited) = tries < Delays.Length
            ? (Delays[tries], Delays.Take(tries).Sum())
            : (Delays[^1], Delays.Sum() + (Delays[^1] * (tries - Delays.Length)));
        delay = Math.Min(delay, timeoutMs - waited);
        if (delay <= 0)
        {
            return 0;
        }

        Thread.Sleep(delay);
        return 1;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, BusyHandler handler, nint timeoutMs);
}
