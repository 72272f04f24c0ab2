using Ledger.Activities;
using Ledger.EventStore;

namespace Ledger.Sponsorships;

/// <summary>
/// The closed set of events on <c>sponsorship-{cid}/{id}</c>, all in this file. A marker only, so the stored JSON of
/// each event is exactly its own record's.
/// </summary>
public interface ISponsorshipEvent;

/// <summary>What a sponsor (爱心企业, 共建单位) gives: goods into the supermarket's stock, or a budget of points.</summary>
public enum SponsorshipKind
{
    /// <summary>Goods: a stock receipt of the item, credited to the donor on the item's own stream.</summary>
    Goods,

    /// <summary>Points: a budget the sponsor funds, drawn on by the activities that name it.</summary>
    Points,
}

/// <summary>
/// A partner's sponsorship was recorded. First event of <c>sponsorship-{cid}/{id}</c>. A goods sponsorship is appended
/// in the same transaction as the item's <c>StockReceived.v2</c> that names it.
/// </summary>
/// <param name="CommunityId">The community it was given to.</param>
/// <param name="SponsorshipId">Its id, unique within the community.</param>
/// <param name="PartnerId">The partner who gives it.</param>
/// <param name="SponsorName">The partner's name when it was recorded: what statements thank.</param>
/// <param name="Kind">Goods or points.</param>
/// <param name="Sku">Goods: the item received.</param>
/// <param name="Quantity">Goods: units received.</param>
/// <param name="Points">Points: the budget given.</param>
/// <param name="Note">Optional remark of the committee.</param>
[EventType("SponsorshipRecorded.v1")]
public sealed record SponsorshipRecorded(
    string CommunityId, string SponsorshipId, string PartnerId, string SponsorName, SponsorshipKind Kind,
    string? Sku, long? Quantity, long? Points, string? Note) : ISponsorshipEvent;

/// <summary>
/// Points were drawn from a budget for an activity's participants, in the same transaction as their
/// <c>ActivityPointsAwarded</c> on each household and the activity's <c>ParticipantsAdded.v1</c>.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="SponsorshipId">The budget.</param>
/// <param name="ActivityId">The activity whose participants were awarded.</param>
/// <param name="Points">Points drawn: the participants times the activity's points.</param>
/// <param name="Participants">The (household, member) pairs whose points it funds.</param>
[EventType("SponsorshipPointsDrawn.v1")]
public sealed record SponsorshipPointsDrawn(
    string CommunityId, string SponsorshipId, string ActivityId, long Points, IReadOnlyList<Participant> Participants) : ISponsorshipEvent;
