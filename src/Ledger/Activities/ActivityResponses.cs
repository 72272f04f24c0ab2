namespace Ledger.Activities;

/// <summary>An activity as the API shows it.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Id">The activity's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Organizer">Its organiser.</param>
/// <param name="Date">Its day.</param>
/// <param name="Points">Points per participant.</param>
/// <param name="Participants">Every (household, member) awarded so far.</param>
/// <param name="Version">The activity stream's version.</param>
/// <param name="SponsorshipId">The points budget that funds its participants; null when the community does.</param>
public sealed record ActivityResponse(
    string CommunityId, string Id, string Title, Organizer Organizer, DateOnly Date, long Points,
    IReadOnlyList<Participant> Participants, long Version, string? SponsorshipId = null)
{
    /// <summary>Builds the response from a folded activity.</summary>
    public static ActivityResponse From(ActivityState s) =>
        new(s.CommunityId, s.ActivityId, s.Title, s.Organizer, s.Date, s.Points, s.Participants, s.Version, s.SponsorshipId);
}

/// <summary>What adding participants did, participant by participant.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="Points">Points each newly awarded participant earned.</param>
/// <param name="Awarded">Participants awarded now, with the household event that records it.</param>
/// <param name="AlreadyAwarded">Participants awarded by an earlier request: not awarded again.</param>
/// <param name="Rejected">Participants not awarded, with why (<c>household-not-found</c>, <c>member-not-found</c>).</param>
public sealed record ParticipantsResponse(
    string CommunityId, string ActivityId, long Points, IReadOnlyList<AwardedParticipant> Awarded,
    IReadOnlyList<Participant> AlreadyAwarded, IReadOnlyList<RejectedParticipant> Rejected);

/// <summary>A participant awarded now.</summary>
public sealed record AwardedParticipant(string Passbook, string Member, Guid EventId);

/// <summary>A participant that was not awarded. <paramref name="Member"/> is as given (null: the head was meant).</summary>
public sealed record RejectedParticipant(string Passbook, string? Member, string Reason);
