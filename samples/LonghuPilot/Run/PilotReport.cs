using LonghuPilot.Client;
using LonghuPilot.Plan;

namespace LonghuPilot.Run;

/// <summary>What a run sent and what it read back from the server; <see cref="Mismatches"/> is empty when they agree.</summary>
public sealed class PilotReport(PilotPlan plan)
{
    /// <summary>The plan that was sent.</summary>
    public PilotPlan Plan { get; } = plan;

    /// <summary>The ledger's head position before the run (<c>GET /health</c>).</summary>
    public long HeadBefore { get; set; }

    /// <summary>The ledger's head position after the run, read-back included.</summary>
    public long HeadAfter { get; set; }

    /// <summary>Households, activities and participations summed over <c>GET /api/communities/{cid}</c> of every pilot community.</summary>
    public (long Households, long Activities, long Participations) Counts { get; set; }

    /// <summary>The district's statistics for period <c>all</c> (the pilot communities' part of them); null when the server lacks the endpoint.</summary>
    public StatsAnswer? DistrictStats { get; set; }

    /// <summary>The district's statistics for the pilot year (period <c>2024</c>), the pilot's communities only.</summary>
    public StatsAnswer? YearStats { get; set; }

    /// <summary>The showcase community's statistics for period <c>all</c>; null when the server lacks the endpoint.</summary>
    public StatsAnswer? CommunityStats { get; set; }

    /// <summary>The showcase community's top households.</summary>
    public LeaderboardAnswer? Leaderboard { get; set; }

    /// <summary>The district ranking; null when the server lacks the endpoint.</summary>
    public DistrictBoardAnswer? Ranking { get; set; }

    /// <summary>The outcome of <c>GET /api/audit/verify</c>; null when the server lacks the endpoint.</summary>
    public VerifyAnswer? Verify { get; set; }

    /// <summary>Read-back steps the server does not offer yet, with why.</summary>
    public List<string> Unavailable { get; } = [];

    /// <summary>Every figure the server reported differently from what was sent.</summary>
    public List<string> Mismatches { get; } = [];

    /// <summary>The sponsor's points budget and goods donation as read back (<see cref="PilotSponsors"/>).</summary>
    public IReadOnlyList<SponsorshipAnswer> Sponsorships { get; set; } = [];

    /// <summary>The partners' vouchers served during the run: partner, sku and the month (yyyy-MM, Asia/Shanghai) it was served in.</summary>
    public List<(string PartnerId, string Sku, string Month)> Served { get; } = [];

    /// <summary>The partners' settlements as read back (<see cref="PilotPartners"/>), one per partner and month served in.</summary>
    public List<SettlementAnswer> Settlements { get; } = [];

    /// <summary>True when the second of two runs recorded nothing: the head did not move.</summary>
    public bool RecordedNothing => HeadAfter == HeadBefore;
}
