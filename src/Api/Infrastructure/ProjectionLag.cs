using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// How far each asynchronous projection trails the ledger's head, in events (positions): what <c>/health/ready</c>
/// judges and what the <c>ledger_projection_lag</c> gauge shows.
/// </summary>
public static class ProjectionLag
{
    /// <summary>Each async projection's lag behind the head as it is now.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> MeasureAsync(
        ILedgerStore store, LedgerProjections projections, CancellationToken cancellationToken)
    {
        var head = (await store.ReadHeadAsync(cancellationToken)).Position;
        var lags = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var projection in projections.Async)
        {
            var checkpoint = await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(projection.Name), cancellationToken);
            lags[projection.Name] = Math.Max(0, head - checkpoint);
        }

        return lags;
    }
}

/// <summary>Samples the projection lag every few seconds for the gauge, so a scrape never waits on the database.</summary>
internal sealed class ProjectionLagSampler(
    LedgerStartup startup, ILedgerStore store, LedgerProjections projections, LedgerMetrics metrics, ILogger<ProjectionLagSampler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.EnsureStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var lags = await ProjectionLag.MeasureAsync(store, projections, stoppingToken);
                metrics.SetProjectionLag(lags.Values.DefaultIfEmpty(0).Max());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is away (a failover): the gauge keeps its last value, readiness reports the store.
                logger.LogDebug("Projection lag not sampled: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
