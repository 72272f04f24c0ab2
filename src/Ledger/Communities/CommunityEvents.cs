using Ledger.EventStore;

namespace Ledger.Communities;

/// <summary>
/// The closed set of events on <c>community-{cid}</c>, all in this file: what the community's decisions return.
/// A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface ICommunityEvent;

/// <summary>A community (村/社区) joined the ledger. First event of <c>community-{cid}</c>.</summary>
/// <param name="CommunityId">The community's id.</param>
/// <param name="Name">Its name, e.g. 津海社区.</param>
/// <param name="District">The district (区) it belongs to; district leaderboards group by it.</param>
/// <param name="Street">The street (街道) it belongs to.</param>
/// <param name="TimeZone">IANA zone whose calendar months and days the community's caps and periods follow.</param>
[EventType("CommunityRegistered.v1")]
public sealed record CommunityRegistered(string CommunityId, string Name, string District, string Street, string TimeZone) : ICommunityEvent;

/// <summary>
/// A points item (积分项目) was defined, or revised: a revision is the next <paramref name="Version"/> of the same
/// <paramref name="RuleId"/>, and every award pins the version it applied.
/// </summary>
/// <param name="CommunityId">The community whose rule it is.</param>
/// <param name="RuleId">The item's id, stable across versions.</param>
/// <param name="Version">1 for the first definition, then one more per revision.</param>
/// <param name="Name">What residents do to earn (or lose) the points.</param>
/// <param name="Category">Free grouping, e.g. 人居环境, 志愿服务.</param>
/// <param name="Points">Positive earns; negative deducts (扣分).</param>
/// <param name="MonthlyCap">The most points one household may earn from the item in one calendar month, if limited.</param>
[EventType("PointsItemDefined.v1")]
public sealed record PointsItemDefined(
    string CommunityId, string RuleId, int Version, string Name, string Category, long Points, long? MonthlyCap) : ICommunityEvent;

/// <summary>The community decided what a deduction does when the balance is too small.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Policy">Refuse the deduction, or apply what the balance allows and record both amounts.</param>
[EventType("DeductionPolicySet.v1")]
public sealed record DeductionPolicySet(string CommunityId, DeductionPolicy Policy) : ICommunityEvent;

/// <summary>
/// The committee set the star levels (星级户): the points EARNED (awards minus deductions and corrections, never lowered by
/// redeeming) at which a household reaches each level. A change applies to the events after it and never rewrites a
/// level already reached: each household's level is recorded on its own stream when it is reached.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Version">1 for the first setting, then one more per change; a reached level records the version that applied.</param>
/// <param name="Levels">1 to 5 levels, stars 1, 2, ... in order, with strictly increasing thresholds.</param>
[EventType("StarLevelsSet.v1")]
public sealed record StarLevelsSet(string CommunityId, int Version, IReadOnlyList<StarLevel> Levels) : ICommunityEvent;

/// <summary>One star level: a household whose points earned reach <paramref name="Points"/> holds <paramref name="Stars"/> stars.</summary>
/// <param name="Stars">1 to 5.</param>
/// <param name="Points">The threshold of points earned (positive).</param>
public sealed record StarLevel(int Stars, long Points);

/// <summary>What a deduction larger than the balance does.</summary>
public enum DeductionPolicy
{
    /// <summary>Refuse it (<c>insufficient-points</c>). The default.</summary>
    Refuse,

    /// <summary>Apply only what the balance holds, recording both the requested and the applied amount.</summary>
    StopAtZero,
}

/// <summary>
/// The committee closed a month's books (月结): from now on no award or participation may be dated in it. Who closed it
/// and when are the event's principal and recording time.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Month">The month closed, <c>yyyy-MM</c> in the community's zone.</param>
[EventType("PeriodClosed.v1")]
public sealed record PeriodClosed(string CommunityId, string Month) : ICommunityEvent;

/// <summary>
/// The committee registered a partner (社区合伙人) of the community: who provides services, serves vouchers and is
/// settled with, or sponsors. Ids are unique within the community and never reused.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="PartnerId">The partner's id, unique within the community.</param>
/// <param name="Name">Its name, e.g. 长者发屋.</param>
/// <param name="Kind">What kind of partner it is.</param>
[EventType("PartnerRegistered.v1")]
public sealed record PartnerRegistered(string CommunityId, string PartnerId, string Name, PartnerKind Kind) : ICommunityEvent;

/// <summary>The kinds of partner the pilots name (seed 000: 企业、社会组织、结对共建单位; seed 004: merchants under 公益+市场).</summary>
public enum PartnerKind
{
    /// <summary>企业.</summary>
    Enterprise,

    /// <summary>社会组织.</summary>
    SocialOrganisation,

    /// <summary>结对共建单位.</summary>
    PartnerUnit,

    /// <summary>商户 (e.g. a barber or a canteen serving vouchers).</summary>
    Merchant,
}
