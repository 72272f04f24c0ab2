using Ledger.Leaderboards;

namespace Ledger.HonorRolls;

/// <summary>A published honour roll.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="CommunityName">Its name.</param>
/// <param name="Period">The period.</param>
/// <param name="Top">Ranks asked for.</param>
/// <param name="Entries">The ranked households.</param>
/// <param name="LedgerPosition">The ledger position the ranking was computed at.</param>
/// <param name="HeadHash">The hash of the event at that position.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="PublishedBy">The principal who published it.</param>
public sealed record HonorRollResponse(
    string CommunityId, string CommunityName, string Period, int Top, IReadOnlyList<LeaderboardEntry> Entries,
    long LedgerPosition, string HeadHash, DateTimeOffset PublishedAt, string PublishedBy);

/// <summary>The outcome of recomputing a published roll at its recorded position.</summary>
/// <param name="Ok">True when the recomputation equals the roll and the recorded head hash is the ledger's.</param>
/// <param name="LedgerPosition">The position recomputed at.</param>
/// <param name="Differences">What differs; empty when <paramref name="Ok"/>.</param>
public sealed record HonorRollVerification(bool Ok, long LedgerPosition, IReadOnlyList<HonorRollDifference> Differences);

/// <summary>One difference between a published roll and its recomputation.</summary>
/// <param name="Kind"><c>head-hash</c>, <c>missing</c> (recomputed, not published), <c>unexpected</c> (published, not recomputed) or <c>entry</c>.</param>
/// <param name="Passbook">The household concerned, if any.</param>
/// <param name="Published">What the roll says.</param>
/// <param name="Recomputed">What the events say.</param>
public sealed record HonorRollDifference(string Kind, string? Passbook, string? Published, string? Recomputed);
