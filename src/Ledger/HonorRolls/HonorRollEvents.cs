using Ledger.EventStore;
using Ledger.Leaderboards;

namespace Ledger.HonorRolls;

/// <summary>
/// The closed set of events on <c>honorroll-{cid}/{period}</c>. A marker only, so the stored JSON of each event is
/// exactly its own record's.
/// </summary>
public interface IHonorRollEvent;

/// <summary>
/// An honour roll (荣誉榜) was published: the only event of <c>honorroll-{cid}/{period}</c>, appended with
/// <see cref="ExpectedVersion.NoStream"/>, so a period's roll is published once and never changes. It records the
/// ledger position and head hash its ranking was computed at, so anyone can recompute and compare.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="CommunityName">Its name, as printed on the poster.</param>
/// <param name="Period">The period (<c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c>, <c>all</c>).</param>
/// <param name="Top">How many ranks were asked for.</param>
/// <param name="Entries">The ranked households (ties share a rank; a tie at the boundary is kept whole).</param>
/// <param name="LedgerPosition">The global position of the ledger's head the ranking counts events up to.</param>
/// <param name="HeadHash">That head event's hash.</param>
[EventType("HonorRollPublished.v1")]
public sealed record HonorRollPublished(
    string CommunityId, string CommunityName, string Period, int Top, IReadOnlyList<LeaderboardEntry> Entries,
    long LedgerPosition, string HeadHash) : IHonorRollEvent;

/// <summary>The stream of a period's honour roll.</summary>
public static class HonorRollStreams
{
    /// <summary><c>honorroll-{cid}/{period}</c>.</summary>
    public static string Of(string communityId, string period) => $"honorroll-{communityId}/{period}";
}
