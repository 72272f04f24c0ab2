namespace Ledger.Statistics;

/// <summary>A community's statistics for a period (<c>GET /api/communities/{cid}/stats</c>).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Name">Its name.</param>
/// <param name="District">Its district.</param>
/// <param name="Period">The period, canonical (<c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c>, <c>all</c>).</param>
/// <param name="From">First instant of the period (UTC) in the community's zone; null for <c>all</c>.</param>
/// <param name="To">First instant after the period; null for <c>all</c>.</param>
/// <param name="Activities">Volunteer activities held (by the activity's date).</param>
/// <param name="Participations">Participations (人次): activity awards, less reversed ones.</param>
/// <param name="Households">Distinct households that took part in an activity.</param>
/// <param name="PointsIssued">Points awarded (items and activities).</param>
/// <param name="PointsDeducted">Points deducted, as applied.</param>
/// <param name="PointsCorrected">Net points taken back by corrections (as on the household view).</param>
/// <param name="PointsRedeemed">Points spent at the supermarket.</param>
/// <param name="PointsRefunded">Points given back by cancelled redemptions.</param>
/// <param name="PointsOutstanding">Sum of the households' balances at the end of the period.</param>
/// <param name="Redemptions">Receipts recorded at the supermarket.</param>
/// <param name="Skus">Per item redeemed (community endpoint only; omitted inside a district's list).</param>
public sealed record CommunityStatsResponse(
    string CommunityId, string Name, string District, string Period, DateTimeOffset? From, DateTimeOffset? To,
    long Activities, long Participations, long Households, long PointsIssued, long PointsDeducted, long PointsCorrected,
    long PointsRedeemed, long PointsRefunded, long PointsOutstanding, long Redemptions, IReadOnlyList<SkuStats>? Skus = null)
{
    /// <summary>The response for one community's figures.</summary>
    public static CommunityStatsResponse Of(CommunityFigures figures, Leaderboards.LeaderboardPeriod period)
    {
        var (from, to) = period.InstantsIn(figures.Community.TimeZone);
        var f = figures.InPeriod;
        return new(
            figures.Community.CommunityId, figures.Community.Name, figures.Community.District, period.Text, from, to,
            f.Activities, f.Participations, figures.Households, f.Issued, f.Deducted, f.Corrected, f.Redeemed, f.Refunded,
            figures.Outstanding, f.Redemptions);
    }
}

/// <summary>What one catalogue item gave out in a period.</summary>
/// <param name="Sku">The item.</param>
/// <param name="Name">Its name on the latest receipt.</param>
/// <param name="Quantity">Units redeemed.</param>
/// <param name="Points">Points they cost.</param>
public sealed record SkuStats(string Sku, string Name, long Quantity, long Points);

/// <summary>A district's statistics for a period (<c>GET /api/districts/{district}/stats</c>): the communities' figures summed.</summary>
/// <param name="District">The district.</param>
/// <param name="Period">The period, canonical.</param>
/// <param name="Communities">How many communities the district has.</param>
/// <param name="Activities">Sum over the communities.</param>
/// <param name="Participations">Sum over the communities.</param>
/// <param name="Households">Sum over the communities (a household belongs to one community).</param>
/// <param name="PointsIssued">Sum over the communities.</param>
/// <param name="PointsDeducted">Sum over the communities.</param>
/// <param name="PointsCorrected">Sum over the communities.</param>
/// <param name="PointsRedeemed">Sum over the communities.</param>
/// <param name="PointsRefunded">Sum over the communities.</param>
/// <param name="PointsOutstanding">Sum over the communities.</param>
/// <param name="Redemptions">Sum over the communities.</param>
/// <param name="PerCommunity">Each community's figures, by community id.</param>
public sealed record DistrictStatsResponse(
    string District, string Period, int Communities, long Activities, long Participations, long Households, long PointsIssued,
    long PointsDeducted, long PointsCorrected, long PointsRedeemed, long PointsRefunded, long PointsOutstanding, long Redemptions,
    IReadOnlyList<CommunityStatsResponse> PerCommunity);

/// <summary>A district's communities ranked (<c>GET /api/districts/{district}/leaderboard</c>).</summary>
/// <param name="District">The district.</param>
/// <param name="Period">The period, canonical.</param>
/// <param name="By"><c>points</c> (points earned per household) or <c>participations</c>.</param>
/// <param name="Entries">Ranked; ties share a rank (1, 2, 2, 4) and are listed by community id.</param>
public sealed record DistrictLeaderboardResponse(string District, string Period, string By, IReadOnlyList<DistrictLeaderboardEntry> Entries);

/// <summary>One community on the district leaderboard.</summary>
/// <param name="Rank">Its rank.</param>
/// <param name="CommunityId">The community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Households">Households opened by the end of the period.</param>
/// <param name="PointsEarned">Net points earned in the period (awards − deductions − corrections).</param>
/// <param name="PointsPerHousehold"><paramref name="PointsEarned"/> / <paramref name="Households"/>, to two decimals (0 without households).</param>
/// <param name="Participations">Participations (人次) in the period.</param>
public sealed record DistrictLeaderboardEntry(
    int Rank, string CommunityId, string Name, long Households, long PointsEarned, decimal PointsPerHousehold, long Participations);
