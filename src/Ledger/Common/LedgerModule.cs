using System.Reflection;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Leaderboards;
using Ledger.Projections;
using Ledger.Statistics;

namespace Ledger.Common;

/// <summary>What a composition root needs to wire the ledger domain: its assembly, event types and inline projections.</summary>
public static class LedgerModule
{
    /// <summary>The assembly holding the ledger's events, MediatR handlers and FluentValidation validators.</summary>
    public static Assembly Assembly => typeof(LedgerModule).Assembly;

    /// <summary>An event-type registry of the ledger's events plus those of <paramref name="more"/> (e.g. the supermarket's).</summary>
    public static EventTypeRegistry CreateEventTypeRegistry(params Assembly[] more) => new([Assembly, .. more]);

    /// <summary>
    /// The read models to pass in <see cref="EventStoreOptions.InlineProjections"/>: commands and the live
    /// leaderboard read them right after their own appends, so they are kept in the append's transaction.
    /// </summary>
    public static IReadOnlyList<IProjection> InlineProjections() =>
        [new CommunityDirectoryProjection(), new LeaderboardProjection(), new HouseholdSearchProjection(), new ActivityListProjection(),
            new Keys.KeyListProjection(), new Sponsorships.SponsorshipListProjection()];

    /// <summary>
    /// The read models to give <see cref="ProjectionDaemon"/>: they follow the feed behind a checkpoint. The
    /// <paramref name="registry"/> must know every module's events (statistics count the supermarket's movements).
    /// </summary>
    public static IReadOnlyList<IProjection> AsyncProjections(EventTypeRegistry registry) => [new StatisticsProjection(registry)];
}
