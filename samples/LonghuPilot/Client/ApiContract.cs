namespace LonghuPilot.Client;

// The JSON the sample reads, written from the API's documented shapes (samples/ledger.http, /openapi/v1.json): only
// the fields it uses, so fields the server adds later do not break it.

/// <summary>An RFC 9457 problem.</summary>
public sealed record ProblemAnswer(string? Type, string? Title, string? Detail);

/// <summary><c>GET /health</c>.</summary>
public sealed record HealthAnswer(string Status, string Store, long Position);

/// <summary><c>POST /api/keys</c>: the key is in this answer only (and in its idempotent replay).</summary>
public sealed record IssuedKeyAnswer(string Id, string Key);

/// <summary><c>POST /api/communities/{cid}/awards</c>: the entry a correction names.</summary>
public sealed record EntryAnswer(Guid EventId, string Passbook, long Points, long Balance);

/// <summary><c>POST /api/communities/{cid}/redemptions</c>.</summary>
public sealed record RedemptionAnswer(string RedemptionId, long Points, long Balance, IReadOnlyList<VoucherAnswer> Vouchers);

/// <summary>A voucher on a receipt.</summary>
public sealed record VoucherAnswer(string VoucherId, string Sku);

/// <summary><c>GET /api/communities/{cid}</c>: a community with its counts.</summary>
public sealed record CommunityAnswer(string Id, string Name, string District, long Households, long PointsItems, long Activities, long Participations);

/// <summary><c>GET /api/communities/{cid}/leaderboard</c>.</summary>
public sealed record LeaderboardAnswer(string CommunityId, string Period, IReadOnlyList<LeaderboardRow> Entries);

/// <summary>A household on a leaderboard or honour roll.</summary>
public sealed record LeaderboardRow(int Rank, string Passbook, string HeadName, long Points, IReadOnlyList<MemberPointsAnswer> Members);

/// <summary>What one member contributed.</summary>
public sealed record MemberPointsAnswer(string Member, long Points);

/// <summary><c>POST /api/communities/{cid}/honor-rolls</c>.</summary>
public sealed record HonorRollAnswer(string CommunityId, string Period, long LedgerPosition, IReadOnlyList<LeaderboardRow> Entries);

/// <summary><c>GET /api/communities/{cid}/stats</c> and, with <see cref="Communities"/> and <see cref="PerCommunity"/>, <c>GET /api/districts/{district}/stats</c>.</summary>
public sealed record StatsAnswer(
    string? CommunityId, string? Name, string? District, string? Period, long Activities, long Participations, long Households,
    long PointsIssued, long PointsDeducted, long PointsCorrected, long PointsRedeemed, long PointsRefunded, long PointsOutstanding,
    long Redemptions, IReadOnlyList<SkuAnswer>? Skus, long? Communities, IReadOnlyList<StatsAnswer>? PerCommunity);

/// <summary>Units and points of one catalogue item in the stats.</summary>
public sealed record SkuAnswer(string Sku, string Name, long Quantity, long Points);

/// <summary><c>GET /api/districts/{district}/leaderboard</c>.</summary>
public sealed record DistrictBoardAnswer(string District, string Period, string By, IReadOnlyList<DistrictBoardRow> Entries);

/// <summary>A community in the district ranking.</summary>
public sealed record DistrictBoardRow(
    int Rank, string CommunityId, string Name, long Households, long PointsEarned, double PointsPerHousehold, long Participations);

/// <summary><c>GET /api/audit/verify</c>.</summary>
public sealed record VerifyAnswer(bool Ok, long Events, long Streams, string? HeadHash, IReadOnlyList<VerifyProblemAnswer>? Problems);

/// <summary>One thing verify found wrong.</summary>
public sealed record VerifyProblemAnswer(string Stream, long Position, string Kind, string? Detail);

/// <summary><c>GET /api/communities/{cid}/sponsorships/{id}</c>: given, used and remaining, and where its points went.</summary>
public sealed record SponsorshipAnswer(
    string Id, string PartnerId, string SponsorName, string Kind, string? Sku, long Given, long? Used, long? Remaining,
    IReadOnlyList<SponsorshipDrawAnswer> Draws);

/// <summary>One activity's draw on a points budget.</summary>
public sealed record SponsorshipDrawAnswer(string ActivityId, long Points, int Participants);

/// <summary><c>POST /api/vouchers/{vid}/fulfil</c>: when it was served (its month is the settlement's).</summary>
public sealed record FulfilledAnswer(string VoucherId, string Sku, DateTimeOffset? FulfilledAt);

/// <summary><c>GET /api/communities/{cid}/partners/{pid}/settlement?period=yyyy-MM</c> (核销结算).</summary>
public sealed record SettlementAnswer(
    string PartnerId, string PartnerName, string Period, IReadOnlyList<SettlementLineAnswer> Lines, long Count, long Points, long AmountFen);

/// <summary>One sku of a settlement: vouchers served, their points and the amount due in fen.</summary>
public sealed record SettlementLineAnswer(string Sku, long Count, long Points, long AmountFen);
