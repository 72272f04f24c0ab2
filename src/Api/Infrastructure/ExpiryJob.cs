using System.Collections.Concurrent;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households.ExpirePoints;
using Ledger.Projections;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The server's own expiry (积分过期): every <see cref="Interval"/> it looks at each community whose day (in its zone)
/// has changed since it last ran there, and runs <see cref="ExpiryRun"/> for it. Lots end at midnight after their last
/// day, so they expire within a minute of their end. It also runs once for every community when the server starts, so
/// a restart catches up. Several servers may run it on one database at once: exactly once per lot is the household
/// stream's expected version and the run's idempotency keys (see <see cref="ExpiryRun"/>), not a lock.
/// </summary>
internal sealed class ExpiryJob(
    LedgerStartup startup, ILedgerStore store, EventTypeRegistry registry, TimeProvider clock, ILogger<ExpiryJob> logger) : BackgroundService
{
    /// <summary>How often it looks: well inside the minute the contract allows.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    private static readonly Principal Job = new("system:expiry", Role.Committee, null, "expiry job");

    // The day each community was last run for: a day's run is enough, because lots only end at midnight.
    private readonly ConcurrentDictionary<string, DateOnly> _ranFor = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.EnsureStartedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A store that cannot be reached now is tried again at the next tick; the host must keep serving.
                logger.LogWarning(e, "Expiry run failed; trying again in {Interval}.", Interval);
            }

            await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var run = new ExpiryRun(store, registry, clock);
        foreach (var communityId in (await CommunityDirectory.ReadAllAsync(store, cancellationToken)).Keys)
        {
            var community = await CommunityStream.LoadAsync(store, registry, communityId, cancellationToken);
            var today = CommunityCalendar.DateOf(clock.GetUtcNow(), community.TimeZone);
            if (_ranFor.TryGetValue(communityId, out var ran) && ran == today)
            {
                continue;
            }

            var principal = Job with { CommunityId = communityId };
            var result = await run.RunAsync(principal, $"expiry-{communityId}-{today:yyyyMMdd}", community, cancellationToken);
            _ranFor[communityId] = today;
            if (result.Points > 0)
            {
                logger.LogInformation(
                    "Expired {Points} points of {Households} households in {Community} for {Today}.",
                    result.Points, result.Households, communityId, today);
            }
        }
    }
}
