using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;

namespace Ledger.HonorRolls;

/// <summary>Computes and loads honour rolls: the one ranking both publishing and verifying use.</summary>
public static class HonorRollComputation
{
    /// <summary>
    /// The ranking of <paramref name="period"/> counting only events at or below <paramref name="position"/>. Every event
    /// below the head the position came from is committed, so the result is the same whenever it is recomputed.
    /// </summary>
    public static async Task<IReadOnlyList<LeaderboardEntry>> RankAtAsync(
        IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, LeaderboardCommunity community, LeaderboardPeriod period, int top,
        long position, CancellationToken cancellationToken)
    {
        var points = await LeaderboardReadModel.FoldAsync(store, readModels, registry, community, period, e => e.Position <= position, cancellationToken);
        return points.Rank(top);
    }

    /// <summary>The hash of the event at <paramref name="position"/>, or the genesis hash for position 0; null when none is there.</summary>
    public static async Task<string?> HashAtAsync(IEventStore store, long position, CancellationToken cancellationToken)
    {
        if (position == 0)
        {
            return EventHasher.GenesisHash;
        }

        await foreach (var e in store.ReadAllAsync(position - 1, cancellationToken))
        {
            return e.Position == position ? e.Hash : null;
        }

        return null;
    }

    /// <summary>The published roll, or null. Visibility is the caller's business: the poster is public.</summary>
    public static async Task<HonorRollResponse?> LoadAsync(
        IEventStore store, EventTypeRegistry registry, string communityId, string period, CancellationToken cancellationToken)
    {
        var stream = await StreamLoader.LoadAsync(store, registry, HonorRollStreams.Of(communityId, period), null, cancellationToken);
        return stream.Events.FirstOrDefault() is { Data: HonorRollPublished roll } e
            ? new HonorRollResponse(roll.CommunityId, roll.CommunityName, roll.Period, roll.Top, roll.Entries,
                roll.LedgerPosition, roll.HeadHash, e.RecordedAt, e.Principal)
            : null;
    }
}
