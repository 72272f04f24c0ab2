using Ledger.Activities.AddParticipants;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;

namespace Ledger.Activities;

/// <summary>What adding participants decided: the events for each stream and the per-participant report.</summary>
/// <param name="ActivityEvents">For the activity stream (empty when nobody is newly awarded).</param>
/// <param name="HouseholdEvents">For each household stream, by passbook (only households with a new award).</param>
/// <param name="Awarded">Participants awarded now, in request order.</param>
/// <param name="AlreadyAwarded">Participants awarded before.</param>
/// <param name="Rejected">Participants refused, with a reason slug.</param>
public sealed record ParticipantsDecision(
    IReadOnlyList<IActivityEvent> ActivityEvents,
    IReadOnlyDictionary<string, IReadOnlyList<IHouseholdEvent>> HouseholdEvents,
    IReadOnlyList<Participant> Awarded,
    IReadOnlyList<Participant> AlreadyAwarded,
    IReadOnlyList<RejectedParticipant> Rejected);

/// <summary>
/// The pure rule of adding participants: each (household, member) is awarded once per activity. A repeat is
/// reported as already awarded; a passbook that is unknown or of another community, or a member the household
/// does not list, is reported as rejected. Neither stops the others from being awarded. Every award is dated the
/// activity's date, so an activity dated after today (400) or in a closed month (409 <c>period-closed</c>) awards nobody.
/// </summary>
public static class ParticipantsDecider
{
    /// <summary>
    /// Decides on <paramref name="households"/>: the state of every passbook in the command (missing = unknown), with
    /// the activity's community (zone, closed months) at <paramref name="now"/>.
    /// </summary>
    public static Result<ParticipantsDecision> Decide(
        AddParticipantsCommand command, ActivityState activity, IReadOnlyDictionary<string, HouseholdState> households,
        CommunityState community, DateTimeOffset now)
    {
        if (!activity.Exists || activity.CommunityId != command.CommunityId)
        {
            return LedgerErrors.ActivityNotFound(command.CommunityId, command.ActivityId);
        }

        if (CommunityPeriods.RefuseDate(activity.Date, "date", community, now) is { } refused)
        {
            return refused;
        }

        var awarded = new List<Participant>();
        var already = new List<Participant>();
        var rejected = new List<RejectedParticipant>();
        var householdEvents = new Dictionary<string, IReadOnlyList<IHouseholdEvent>>(StringComparer.Ordinal);
        var seen = new HashSet<Participant>();
        foreach (var requested in command.Participants)
        {
            var household = households.GetValueOrDefault(requested.Passbook) ?? HouseholdState.Initial;
            if (!household.Exists || household.CommunityId != command.CommunityId)
            {
                rejected.Add(new RejectedParticipant(requested.Passbook, requested.Member, "household-not-found"));
                continue;
            }

            var participant = new Participant(requested.Passbook, requested.Member ?? household.HeadName);
            if (!household.HasMember(participant.Member))
            {
                rejected.Add(new RejectedParticipant(requested.Passbook, requested.Member, "member-not-found"));
                continue;
            }

            // A pair named twice in one request counts once; the household check guards an activity stream out of step.
            if (!seen.Add(participant))
            {
                continue;
            }

            if (activity.Awarded.Contains(participant) ||
                household.ActivityAwards.Contains(new ActivityMember(activity.ActivityId, participant.Member)))
            {
                already.Add(participant);
                continue;
            }

            awarded.Add(participant);
            var (policy, expiresOn) = HouseholdDecider.ExpiryPin(community, activity.Date);
            var award = new ActivityPointsAwarded(
                command.CommunityId, activity.ActivityId, participant.Member, activity.Points, activity.Date, policy, expiresOn);
            householdEvents[participant.Passbook] = [.. householdEvents.GetValueOrDefault(participant.Passbook) ?? [], award];
        }

        IReadOnlyList<IActivityEvent> activityEvents = awarded.Count == 0
            ? []
            : [new ParticipantsAdded(command.CommunityId, activity.ActivityId, activity.Points, awarded)];
        return new ParticipantsDecision(activityEvents, householdEvents, awarded, already, rejected);
    }
}
