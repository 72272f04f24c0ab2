using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Households;

/// <summary>
/// The closed set of events on <c>household-{passbook}</c>, all in this file: what the household's decisions return.
/// A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface IHouseholdEvent;

/// <summary>A household's account (积分存折) was opened. First event of <c>household-{passbook}</c>.</summary>
/// <param name="Passbook">The passbook number, unique in the whole ledger.</param>
/// <param name="CommunityId">The community the household belongs to.</param>
/// <param name="HeadName">The head of household (户主): the member of an entry that names nobody.</param>
/// <param name="Members">Every member, the head first, each once.</param>
/// <param name="Address">Optional address.</param>
[EventType("HouseholdOpened.v1")]
public sealed record HouseholdOpened(string Passbook, string CommunityId, string HeadName, IReadOnlyList<string> Members, string? Address) : IHouseholdEvent;

/// <summary>Points were awarded for a points item.</summary>
/// <param name="CommunityId">The household's community, whose item it is.</param>
/// <param name="RuleId">The item.</param>
/// <param name="RuleVersion">The item's version that applied, so a replay recomputes with the rule as it was.</param>
/// <param name="Points">Points earned (positive).</param>
/// <param name="Member">The member who earned them.</param>
/// <param name="Note">Optional remark of the committee.</param>
/// <param name="OccurredOn">
/// The day the work was done (community zone), which may be before the day it was recorded. Added in v2; a v1 event is
/// read with null here and counts on its recording day (<see cref="BusinessDate"/>).
/// </param>
/// <param name="ExpiryPolicyVersion">
/// The community's expiry policy version in force when recorded, pinned so a later change never shortens it. Added in
/// v3 and only written once a policy is set; null (v1, v2, or no policy) never expires.
/// </param>
/// <param name="ExpiresOn">The last day these points count (they expire at its end, community zone); null: never.</param>
[EventType("PointsAwarded.v3")]
[UpcastsFrom("PointsAwarded.v1")]
[UpcastsFrom("PointsAwarded.v2")]
public sealed record PointsAwarded(
    string CommunityId, string RuleId, int RuleVersion, long Points, string Member, string? Note, DateOnly? OccurredOn = null,
    int? ExpiryPolicyVersion = null, DateOnly? ExpiresOn = null)
    : IHouseholdEvent, IDatedEntry, IPinnedEarning;

/// <summary>
/// Points were deducted (扣分) for a points item. Under the stop-at-zero policy <paramref name="Applied"/> can be less
/// than <paramref name="Requested"/>; both are recorded so the shortfall is never silent.
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="RuleId">The item.</param>
/// <param name="RuleVersion">The item's version that applied.</param>
/// <param name="Requested">Points the item deducts (positive).</param>
/// <param name="Applied">Points actually taken from the balance (0 to <paramref name="Requested"/>).</param>
/// <param name="Member">The member the deduction concerns.</param>
/// <param name="Note">Optional remark of the committee.</param>
[EventType("PointsDeducted.v1")]
public sealed record PointsDeducted(
    string CommunityId, string RuleId, int RuleVersion, long Requested, long Applied, string Member, string? Note) : IHouseholdEvent;

/// <summary>Points were awarded for taking part in a volunteer activity (once per activity and member).</summary>
/// <param name="CommunityId">The community that runs the activity.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="Member">The member who took part.</param>
/// <param name="Points">Points earned (the activity's points per participant).</param>
/// <param name="OccurredOn">
/// The activity's date. Added in v2; a v1 event is read with null here and counts on its recording day
/// (<see cref="BusinessDate"/>).
/// </param>
/// <param name="ExpiryPolicyVersion">The expiry policy version pinned when recorded (v3; null: none, never expires).</param>
/// <param name="ExpiresOn">The last day these points count; null: never.</param>
[EventType("ActivityPointsAwarded.v3")]
[UpcastsFrom("ActivityPointsAwarded.v1")]
[UpcastsFrom("ActivityPointsAwarded.v2")]
public sealed record ActivityPointsAwarded(
    string CommunityId, string ActivityId, string Member, long Points, DateOnly? OccurredOn = null,
    int? ExpiryPolicyVersion = null, DateOnly? ExpiresOn = null)
    : IHouseholdEvent, IDatedEntry, IPinnedEarning;

/// <summary>
/// An earlier award or deduction of this household was reversed. Nothing is edited: this event names the entry it
/// reverses and moves the balance back by <paramref name="Points"/>, even below zero when the points were spent.
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="CorrectedEventId">The event reversed.</param>
/// <param name="CorrectedKind">What that event was.</param>
/// <param name="Member">The member of the reversed entry.</param>
/// <param name="Points">The change to the balance: minus the reversed entry's effect.</param>
/// <param name="Reason">Why (required).</param>
/// <param name="RuleId">The reversed entry's points item, if it had one.</param>
/// <param name="ActivityId">The reversed entry's activity, if it had one.</param>
[EventType("EntryCorrected.v1")]
public sealed record EntryCorrected(
    string CommunityId, Guid CorrectedEventId, EntryKind CorrectedKind, string Member, long Points, string Reason,
    string? RuleId, string? ActivityId) : IHouseholdEvent;

/// <summary>
/// The household reached a star level (星级户) of its community. Recorded in the same append as the entry that made its
/// points earned reach the threshold, and never taken back: a later correction that lowers points earned keeps the level.
/// When one entry passes several thresholds at once, only the highest level reached is recorded.
/// </summary>
/// <param name="CommunityId">The household's community, whose levels apply.</param>
/// <param name="Stars">The level reached (1 to 5).</param>
/// <param name="Threshold">The points earned that level needs, as the levels in force said.</param>
/// <param name="Earned">The household's points earned right after <paramref name="CausedBy"/>.</param>
/// <param name="CausedBy">The event (award, activity award or correction) whose points reached the threshold.</param>
/// <param name="LevelsVersion">The version of the community's star levels that applied.</param>
[EventType("StarLevelReached.v1")]
public sealed record StarLevelReached(string CommunityId, int Stars, long Threshold, long Earned, Guid CausedBy, int LevelsVersion) : IHouseholdEvent;

/// <summary>The kinds of entry a correction can reverse.</summary>
public enum EntryKind
{
    /// <summary><see cref="PointsAwarded"/>.</summary>
    Award,

    /// <summary><see cref="PointsDeducted"/>.</summary>
    Deduction,

    /// <summary><see cref="ActivityPointsAwarded"/>.</summary>
    ActivityAward,
}

/// <summary>
/// The household's spending and refunds (<see cref="PointsRedeemed"/>, <see cref="PointsRefunded"/>), decided only by
/// <see cref="HouseholdBalance"/>. The statement, the audit and the statistics read them through this interface, so a
/// later kind of movement is counted everywhere at once. Implement it explicitly where a member's name differs, so the
/// members do not become part of the event's JSON.
/// </summary>
public interface IHouseholdPointsMovement
{
    /// <summary>Redeemed (taken from the balance) or refunded (given back).</summary>
    PointsMovementKind Kind { get; }

    /// <summary>Points moved (positive).</summary>
    long Points { get; }

    /// <summary>The member who redeemed; null means the head of household.</summary>
    string? Member { get; }

    /// <summary>A line for the passbook statement, e.g. the goods redeemed.</summary>
    string Description { get; }
}

/// <summary>Which way an <see cref="IHouseholdPointsMovement"/> moves points.</summary>
public enum PointsMovementKind
{
    /// <summary>Points spent at the supermarket.</summary>
    Redeemed,

    /// <summary>Points given back (a cancelled redemption).</summary>
    Refunded,
}

/// <summary>
/// Points spent at the supermarket, on <c>household-{passbook}</c>, appended with the redemption's receipt. Decided by
/// <see cref="HouseholdBalance.Spend"/>. Its stored name and JSON are those the supermarket module wrote before.
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="RedemptionId">The receipt.</param>
/// <param name="Points">Points taken (positive).</param>
/// <param name="Member">The member who redeemed.</param>
/// <param name="Description">The passbook line, e.g. <c>花生油 5L ×2、洗车 ×1</c>.</param>
[EventType("PointsRedeemed.v1")]
public sealed record PointsRedeemed(string CommunityId, string RedemptionId, long Points, string Member, string Description)
    : IHouseholdEvent, IHouseholdPointsMovement
{
    // Explicit, so the kind is a fact of the type and never a field of the stored JSON.
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Redeemed;
}

/// <summary>
/// Points given back because their redemption was cancelled, on <c>household-{passbook}</c>. Decided by
/// <see cref="HouseholdBalance.Refund"/>.
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="RedemptionId">The cancelled receipt.</param>
/// <param name="Points">Points refunded (positive): all the redemption took.</param>
/// <param name="Member">The member who had redeemed.</param>
/// <param name="Description">The passbook line: what was returned.</param>
/// <param name="Reason">Why it was cancelled.</param>
[EventType("PointsRefunded.v1")]
public sealed record PointsRefunded(string CommunityId, string RedemptionId, long Points, string Member, string Description, string Reason)
    : IHouseholdEvent, IHouseholdPointsMovement
{
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Refunded;
}

/// <summary>An earning that pinned the community's expiry policy when it was recorded (a lot, see <see cref="PointsLots"/>).</summary>
public interface IPinnedEarning
{
    /// <summary>The policy version pinned; null when none was in force.</summary>
    int? ExpiryPolicyVersion { get; }

    /// <summary>The last day the points count; null: they never expire.</summary>
    DateOnly? ExpiresOn { get; }
}

/// <summary>
/// Points whose lots ended expired (积分过期), on <c>household-{passbook}</c>. Decided by
/// <see cref="HouseholdBalance.Expire"/>: what is left of each lot whose last day has passed, never more than the balance.
/// Appended by the server's expiry job or a committee's expiry run, once per lot (the stream's expected version).
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="Points">Points expired (positive): the sum over <paramref name="Lots"/>.</param>
/// <param name="Lots">Each lot (the earning's event id), its last day and the points of it that expired.</param>
[EventType("PointsExpired.v1")]
public sealed record PointsExpired(string CommunityId, long Points, IReadOnlyList<ExpiredLot> Lots) : IHouseholdEvent;

/// <summary>What expired of one lot.</summary>
/// <param name="EventId">The earning that opened the lot.</param>
/// <param name="ExpiresOn">Its last day.</param>
/// <param name="Points">Points of it that expired.</param>
public sealed record ExpiredLot(Guid EventId, DateOnly ExpiresOn, long Points);
