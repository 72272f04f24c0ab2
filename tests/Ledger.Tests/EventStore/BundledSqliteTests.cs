using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The bundled SQLite sleeps what it asks for. The old bundle (SQLite 3.35.5) was built without <c>HAVE_USLEEP</c>, so
/// its unix VFS slept a whole second for any wait and the store had to register a VFS of its own; measured on the
/// current bundle, the unix VFS's own <c>xSleep</c> sleeps microseconds, and the store uses it as it is.
/// </summary>
public sealed class BundledSqliteTests
{
    // sqlite3_vfs on 64-bit Linux (the project's machines): three ints and padding, then pNext, zName, pAppData and nine
    // methods before xSleep.
    private static readonly int SleepOffset = 16 + (12 * IntPtr.Size);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SleepMethod(IntPtr vfs, int microseconds);

    [Fact]
    public void The_unix_vfs_sleeps_milliseconds_when_asked_for_them_not_a_whole_second()
    {
        SQLitePCL.Batteries_V2.Init();
        var unix = sqlite3_vfs_find("unix");
        Assert.NotEqual(IntPtr.Zero, unix);
        var sleep = Marshal.GetDelegateForFunctionPointer<SleepMethod>(Marshal.ReadIntPtr(unix, SleepOffset));

        var watch = Stopwatch.StartNew();
        var slept = sleep(unix, 2_000);

        Assert.Equal(2_000, slept);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"asked for 2 ms, slept {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void The_bundled_sqlite_is_a_current_release()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);
        Assert.True(version >= new Version(3, 49), $"SQLite {version}");
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_vfs_find([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
