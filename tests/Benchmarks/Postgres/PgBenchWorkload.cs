namespace Ledger.Benchmarks.Postgres;

/// <summary>pgbench as a workload: each round is one pgbench run on the same raw tables.</summary>
public sealed class PgBenchWorkload(string connectionString, int clients, int households) : IAppendWorkload
{
    public async Task<LoopResult> RunAsync(TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            // pgbench has no warm-up of its own: an untimed run first, as the store gets.
            await PgBench.RunAsync(connectionString, clients, (int)Math.Ceiling(warmup.TotalSeconds), households, cancellationToken);
        }

        return await PgBench.RunAsync(connectionString, clients, (int)Math.Round(window.TotalSeconds), households, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
