namespace Ledger.Benchmarks.Sqlite;

/// <summary>The raw SQLite append loop as a workload: N writers share the one connection under its lock.</summary>
public sealed class SqliteRawWorkload(SqliteRawAppend raw, int writers, int households) : IAppendWorkload
{
    private readonly ClosedLoop.Operation[] _writers = Enumerable.Range(0, writers).Select(writer =>
    {
        var mine = Workload.HouseholdsOf(writer, writers, households);
        var random = new Random(writer);
        return (ClosedLoop.Operation)(ct => raw.AppendAsync(mine[random.Next(mine.Length)], ct));
    }).ToArray();

    public Task<LoopResult> RunAsync(TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(_writers, warmup, window, cancellationToken);

    public ValueTask DisposeAsync()
    {
        raw.Dispose();
        return ValueTask.CompletedTask;
    }
}
