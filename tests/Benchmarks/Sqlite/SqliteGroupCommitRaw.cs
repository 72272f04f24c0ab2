using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>
/// Experiment (<c>--experiments</c>), not a yardstick: the raw SQLite loop behind a commit queue. Writers queue
/// their event; one committer takes everything queued, writes it in one transaction (one WAL fsync) and only then
/// acknowledges each writer, so durability is that of the raw loop. It shows what group commit would give the store.
/// </summary>
public sealed class SqliteGroupCommitRaw : IAppendWorkload
{
    private readonly Channel<(int Household, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(int, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteRawAppend _raw;
    private readonly ClosedLoop.Operation[] _writers;
    private readonly Task _committer;

    public SqliteGroupCommitRaw(string path, int writers, int households)
    {
        _raw = SqliteRawAppend.Create(path);
        _committer = Task.Run(CommitAsync);
        _writers = Enumerable.Range(0, writers).Select(writer =>
        {
            var mine = Workload.HouseholdsOf(writer, writers, households);
            var random = new Random(writer);
            return (ClosedLoop.Operation)(_ =>
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.Writer.TryWrite((mine[random.Next(mine.Length)], done));
                return done.Task;
            });
        }).ToArray();
    }

    public Task<LoopResult> RunAsync(TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(_writers, warmup, window, cancellationToken);

    private async Task CommitAsync()
    {
        var batch = new List<(int Household, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (_queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                _raw.AppendBatch(batch.Select(b => b.Household));
                batch.ForEach(b => b.Done.SetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.SetException(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.Complete();
        await _committer;
        _raw.Dispose();
    }
}
