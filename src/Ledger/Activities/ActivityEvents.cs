using Ledger.EventStore;

namespace Ledger.Activities;

/// <summary>
/// The closed set of events on <c>activity-{cid}/{aid}</c>, all in this file: what an activity's decisions return.
/// A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface IActivityEvent;

/// <summary>A volunteer activity (志愿服务活动) was scheduled. First event of <c>activity-{cid}/{aid}</c>.</summary>
/// <param name="CommunityId">The community that runs it.</param>
/// <param name="ActivityId">Its id, unique within the community.</param>
/// <param name="Title">What it is, e.g. 人居环境整治.</param>
/// <param name="Organizer">Who organises it.</param>
/// <param name="Date">The day it takes place.</param>
/// <param name="Points">Points each participating member earns.</param>
/// <param name="SponsorshipId">
/// The points budget (<c>sponsorship-{cid}/{id}</c>) of its organiser that funds its participants' points; null when the
/// community funds them. Added in v2; a v1 event is read with null here.
/// </param>
[EventType("ActivityScheduled.v2")]
[UpcastsFrom("ActivityScheduled.v1")]
public sealed record ActivityScheduled(
    string CommunityId, string ActivityId, string Title, Organizer Organizer, DateOnly Date, long Points, string? SponsorshipId = null)
    : IActivityEvent;

/// <summary>The organiser of an activity: an enterprise, social organisation or partner unit (结对共建单位).</summary>
/// <param name="Kind">What kind of body it is.</param>
/// <param name="Name">Its name.</param>
public sealed record Organizer(OrganizerKind Kind, string Name);

/// <summary>The kinds of organiser the pilots name.</summary>
public enum OrganizerKind
{
    /// <summary>企业.</summary>
    Enterprise,

    /// <summary>社会组织.</summary>
    SocialOrganization,

    /// <summary>结对共建单位.</summary>
    PartnerUnit,
}

/// <summary>
/// Participants were added and awarded. Lists only those newly awarded; appended in the same transaction as one
/// <c>ActivityPointsAwarded.v1</c> per participant on each household's stream.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="Points">Points each participant was awarded.</param>
/// <param name="Participants">The (household, member) pairs awarded.</param>
[EventType("ParticipantsAdded.v1")]
public sealed record ParticipantsAdded(string CommunityId, string ActivityId, long Points, IReadOnlyList<Participant> Participants)
    : IActivityEvent;

/// <summary>A member of a household taking part.</summary>
public sealed record Participant(string Passbook, string Member);
