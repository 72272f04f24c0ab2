using System.Runtime.InteropServices;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// The bundled SQLite (SQLitePCLRaw's e_sqlite3) is built without <c>HAVE_USLEEP</c>, so its unix VFS sleeps in whole
/// seconds. Under load a read transaction sometimes retries its WAL read mark (the writer commits hundreds of times a
/// second while requests read), and after a few tries SQLite asks for a sleep of some microseconds: it got a second,
/// and a counter's redemption, or the writer with every sale queued behind it, stalled for one. This registers, as the
/// default VFS, a copy of the unix VFS whose xSleep sleeps what is asked, rounded up to the millisecond; every other
/// method is the unix VFS's own.
/// </summary>
internal static class SqliteSleep
{
    private const string Name = "unix-ledger";

    // Kept for the life of the process: SQLite calls it through the pointer handed over below.
    private static readonly SleepMethod Sleeper = Sleep;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SleepMethod(IntPtr vfs, int microseconds);

    /// <summary>Registers the VFS once, before the first connection opens. Elsewhere than Linux and macOS it does nothing.</summary>
    public static void Install()
    {
        // Windows' VFS sleeps in milliseconds already.
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || NativeMethods.sqlite3_vfs_find(Name) != IntPtr.Zero)
        {
            return;
        }

        var unix = NativeMethods.sqlite3_vfs_find("unix");
        if (unix == IntPtr.Zero || Marshal.PtrToStructure<Vfs>(unix) is not { Version: >= 3 } vfs)
        {
            return; // not the VFS whose layout is copied here
        }

        vfs.Next = IntPtr.Zero;
        vfs.Name = Marshal.StringToCoTaskMemUTF8(Name);
        vfs.Sleep = Marshal.GetFunctionPointerForDelegate(Sleeper);
        var copy = Marshal.AllocHGlobal(Marshal.SizeOf<Vfs>()); // never freed: SQLite keeps it for the process
        Marshal.StructureToPtr(vfs, copy, fDeleteOld: false);
        if (NativeMethods.sqlite3_vfs_register(copy, makeDefault: 1) is var rc and not 0)
        {
            throw new InvalidOperationException($"SQLite refused to register its VFS (error {rc}).");
        }
    }

    private static int Sleep(IntPtr vfs, int microseconds)
    {
        var milliseconds = Math.Max(0, (microseconds + 999) / 1000);
        Thread.Sleep(milliseconds);
        return milliseconds * 1000;
    }

    /// <summary><c>sqlite3_vfs</c> up to version 3 of the struct, in the C layout.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Vfs
    {
        public int Version;
        public int OsFileSize;
        public int MaxPathname;
        public IntPtr Next;
        public IntPtr Name;
        public IntPtr AppData;
        public IntPtr Open;
        public IntPtr Delete;
        public IntPtr Access;
        public IntPtr FullPathname;
        public IntPtr DlOpen;
        public IntPtr DlError;
        public IntPtr DlSym;
        public IntPtr DlClose;
        public IntPtr Randomness;
        public IntPtr Sleep;
        public IntPtr CurrentTime;
        public IntPtr GetLastError;
        public IntPtr CurrentTimeInt64;
        public IntPtr SetSystemCall;
        public IntPtr GetSystemCall;
        public IntPtr NextSystemCall;
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr sqlite3_vfs_find([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_vfs_register(IntPtr vfs, int makeDefault);
    }
}
