using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Statistics;
using Redemption.Tests.Handlers;
using Ledger.Statistics;
using Ledger.Testing;
using Xunit.Abstractions;

namespace Redemption.Tests.Projections;

/// <summary>Invariant 4 at scale: every domain projection, inline and async, rebuilt from zero equals the live one.</summary>
public abstract class DomainProjectionsRebuildTests<TFactory>(TFactory factory, ITestOutputHelper output) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task A_history_of_over_100_000_domain_events_rebuilt_from_zero_equals_every_live_projection()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var registry = LedgerModule.CreateEventTypeRegistry(RedemptionModule.Assembly);
        var options = new EventStoreOptions { Clock = clock, InlineProjections = [.. LedgerModule.InlineProjections(), .. RedemptionModule.InlineProjections()] };
        var store = await factory.CreateStoreAsync(options);
        var daemon = new ProjectionDaemon(
            store, options, [.. LedgerModule.AsyncProjections(registry), .. RedemptionModule.AsyncProjections()],
            new ProjectionDaemonOptions { BatchSize = 5000, RebuildBatchSize = 10_000 });
        var timer = Stopwatch.StartNew();

        var history = new DomainHistory(store, registry, clock.SetUtcNow);
        await history.WriteAsync(communities: 10, households: 100, months: 12, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var seeded = timer.Elapsed;
        await daemon.CatchUpAsync();
        var comparisons = await daemon.CompareAllAsync();
        output.WriteLine($"{history.Events:N0} events: seeded in {seeded.TotalSeconds:F1} s, caught up and compared in {(timer.Elapsed - seeded).TotalSeconds:F1} s");

        var head = await store.ReadHeadAsync();
        Assert.True(history.Events >= 100_000 && head.Events == history.Events, $"{history.Events} events written, {head.Events} in the store");
        Assert.Equal(daemon.Projections.Order(StringComparer.Ordinal), comparisons.Select(c => c.Projection).Order(StringComparer.Ordinal));
        Assert.All(comparisons, c => Assert.True(c.Equal && c.Position == head.Position, c.ToString()));
        // The models are full, not trivially equal because empty.
        var all = Ledger.Leaderboards.LeaderboardPeriod.All;
        var community = (await StatisticsReadModel.FindCommunityAsync(store, "c001", default))!;
        var figures = (await StatisticsReadModel.ReadAsync(store, [community], all, default))[0];
        Assert.True(figures.InPeriod is { Participations: > 0, Redemptions: > 0, Refunded: > 0, Corrected: > 0, Deducted: > 0 }, figures.ToString());
        Assert.Equal(3, (await SkuStatisticsProjection.QueryAsync(store, "c001", all, default)).Count);
    }
}

public sealed class SqliteDomainProjectionsRebuildTests(SqliteEventStoreFactory factory, ITestOutputHelper output)
    : DomainProjectionsRebuildTests<SqliteEventStoreFactory>(factory, output);

public sealed class PostgresDomainProjectionsRebuildTests(PostgresEventStoreFactory factory, ITestOutputHelper output)
    : DomainProjectionsRebuildTests<PostgresEventStoreFactory>(factory, output);
