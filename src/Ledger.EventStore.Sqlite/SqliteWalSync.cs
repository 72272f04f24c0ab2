using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Makes the writer's commits durable off the writer lock. The writer commits with <c>synchronous=NORMAL</c>: SQLite
/// writes a commit's log frames but does not wait for the disk, so the next group of appends can be written at once,
/// and this class syncs the write-ahead log itself, one fsync covering every commit written before it began. No
/// commit is acknowledged before it is synced, as under <c>synchronous=FULL</c>: what changes is that the one writer
/// no longer stands idle while the disk works. Under <c>synchronous=FULL</c> the sync took most of the writer's time.
/// </summary>
/// <remarks>
/// Other connections see a commit as soon as SQLite has written it, before it is synced, and a power cut could still
/// take it back. So this process's readers wait (<see cref="SettledAsync"/>) until what they read is synced: a retried
/// request is never told of a sale that is not on disk, and no page shows one. Commits are numbered as they begin, so
/// a reader that saw a commit also sees its number. A failed sync fails every commit not yet synced and every later
/// one: after a failed fsync the kernel may have dropped the pages, and a later fsync that succeeds proves nothing
/// about them (the store must be reopened, as PostgreSQL restarts).
/// </remarks>
internal sealed class SqliteWalSync : IDisposable
{
    private readonly object _gate = new();
    private readonly object _syncing = new();
    private readonly PriorityQueue<Action<Exception?>, long> _waiters = new();
    private readonly Action? _beforeSync;
    private SafeFileHandle? _log;
    private Thread? _thread;
    private long _begun;
    private long _written;
    private long _synced;
    private bool _wakeUp;
    private bool _stopping;
    private Exception? _failure;

    /// <param name="beforeSync">Called before each fsync, for tests: it may block (the disk is slow) or throw (the disk failed).</param>
    public SqliteWalSync(Action? beforeSync = null) => _beforeSync = beforeSync;

    /// <summary>
    /// Opens the log of <paramref name="databasePath"/> (which SQLite has created) and syncs it with its folder's entry
    /// for it, so whatever was committed while opening is durable. The handle stays open until disposed: closing any
    /// handle on a file drops the POSIX locks this process holds on it.
    /// </summary>
    public void Open(string databasePath)
    {
        if (_log is not null)
        {
            return; // a retried initialisation
        }

        var path = databasePath + "-wal";
        _log = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(_log);
        FolderEntries.Flush(Path.GetDirectoryName(path)!);
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite WAL sync" };
        _thread.Start();
    }

    /// <summary>The number of the last commit begun: everything a read or a decision made now can rest on.</summary>
    public long LastCommit => Volatile.Read(ref _begun);

    /// <summary>Numbers a commit before it is made, so any reader that sees it finds its number taken.</summary>
    public long BeginCommit() => Interlocked.Increment(ref _begun);

    /// <summary>The commit returned (or failed): its frames, if any, are in the log file, and a sync now covers them.</summary>
    public void EndCommit(long commit)
    {
        Volatile.Write(ref _written, commit);
        lock (_gate)
        {
            // A reader may wait on this number; a failed commit, too, must be passed by a sync for it to move on.
            if (_waiters.Count > 0)
            {
                Wake();
            }
        }
    }

    /// <summary>Syncs on the calling thread, unless a sync that began after <paramref name="commit"/> was written has already covered it.</summary>
    public void Sync(long commit)
    {
        if (Volatile.Read(ref _synced) >= commit)
        {
            ThrowIfFailed();
            return;
        }

        lock (_syncing)
        {
            if (Volatile.Read(ref _synced) < commit)
            {
                SyncWritten();
            }
        }

        ThrowIfFailed();
    }

    /// <summary>Calls <paramref name="then"/> once <paramref name="commit"/> is synced (with null), or the sync failed (with why); on the sync thread, or at once.</summary>
    public void WhenSynced(long commit, Action<Exception?> then)
    {
        Exception? failure;
        lock (_gate)
        {
            failure = _failure;
            if (failure is null && _synced < commit)
            {
                if (!_stopping)
                {
                    _waiters.Enqueue(then, commit);
                    Wake();
                    return;
                }

                // Nothing would answer it now: a commit caught by disposal, after the last sync.
                failure = new ObjectDisposedException(nameof(SqliteEventStore));
            }
        }

        then(failure);
    }

    /// <summary>Completes once everything committed so far (all a read just made can have seen) is synced.</summary>
    public Task SettledAsync()
    {
        var commit = LastCommit;
        if (Volatile.Read(ref _synced) >= commit && Volatile.Read(ref _failure) is null)
        {
            return Task.CompletedTask;
        }

        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WhenSynced(commit, failure =>
        {
            if (failure is null)
            {
                settled.TrySetResult();
            }
            else
            {
                settled.TrySetException(Failed(failure));
            }
        });
        return settled.Task;
    }

    private void Run()
    {
        while (true)
        {
            bool stopping;
            lock (_gate)
            {
                while (!_wakeUp && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                (_wakeUp, stopping) = (false, _stopping);
            }

            lock (_syncing)
            {
                if (Volatile.Read(ref _written) > Volatile.Read(ref _synced))
                {
                    SyncWritten();
                }
            }

            if (stopping)
            {
                // Only a commit that never ended can still be waited on: nothing will sync it now.
                Finish(Volatile.Read(ref _written), new ObjectDisposedException(nameof(SqliteEventStore)));
                return;
            }
        }
    }

    // Under _syncing: one fsync at a time, each covering all that was written before it began.
    private void SyncWritten()
    {
        var upTo = Volatile.Read(ref _written);
        try
        {
            ThrowIfFailed();
            _beforeSync?.Invoke();
            RandomAccess.FlushToDisk(_log ?? throw new InvalidOperationException("The write-ahead log is not open."));
        }
        catch (Exception e)
        {
            Finish(upTo, e);
            return;
        }

        Finish(upTo, null);
    }

    private void Finish(long upTo, Exception? failure)
    {
        var ready = new List<Action<Exception?>>();
        lock (_gate)
        {
            failure = _failure ??= failure;
            if (failure is null)
            {
                Volatile.Write(ref _synced, Math.Max(_synced, upTo));
            }

            while (_waiters.TryPeek(out _, out var commit) && (failure is not null || commit <= _synced))
            {
                ready.Add(_waiters.Dequeue());
            }
        }

        // Outside the lock, with the outcome read inside it: a failure that comes later is not these waiters' concern.
        ready.ForEach(then => then(failure));
    }

    // Under _gate.
    private void Wake()
    {
        _wakeUp = true;
        Monitor.Pulse(_gate);
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw Failed(failure);
        }
    }

    private static IOException Failed(Exception failure) =>
        new("The ledger's write-ahead log could not be synced to disk, so recent writes may not be durable; "
            + "restart the service once the disk is fixed.", failure);

    /// <summary>Syncs what is left, stops the thread and closes the log.</summary>
    public void Dispose()
    {
        if (_thread is not null)
        {
            lock (_gate)
            {
                _stopping = true;
                Wake();
            }

            _thread.Join();
        }

        _log?.Dispose();
    }

    /// <summary>A folder's list of files, synced so a file created in it survives a power cut (POSIX; Windows journals it).</summary>
    private static class FolderEntries
    {
        public static void Flush(string folder)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var fd = open(folder, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                throw new IOException($"Could not open {folder} to sync it (errno {Marshal.GetLastPInvokeError()}).");
            }

            try
            {
                if (fsync(fd) != 0)
                {
                    throw new IOException($"Could not sync {folder} (errno {Marshal.GetLastPInvokeError()}).");
                }
            }
            finally
            {
                _ = close(fd);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc")]
        private static extern int close(int fd);
    }
}
