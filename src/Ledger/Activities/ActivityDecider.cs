using Ledger.Activities.ScheduleActivity;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Sponsorships;

namespace Ledger.Activities;

/// <summary>The pure rules of <c>activity-{cid}/{aid}</c>.</summary>
public static class ActivityDecider
{
    /// <summary>Schedules an activity in an existing community, once per id.</summary>
    /// <param name="command">What to schedule.</param>
    /// <param name="activity">The activity stream as it stands (it must not exist yet).</param>
    /// <param name="community">The community it runs in.</param>
    /// <param name="sponsorship">The budget the command names (<see cref="SponsorshipState.Initial"/> when none or unknown).</param>
    public static Result<IReadOnlyList<IActivityEvent>> Decide(
        ScheduleActivityCommand command, ActivityState activity, CommunityState community, SponsorshipState? sponsorship = null)
    {
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        if (activity.Exists)
        {
            return LedgerErrors.ActivityExists(command.CommunityId, command.Id);
        }

        if (command.SponsorshipId is { } sponsorshipId &&
            SponsorshipDecider.MayFund(sponsorship ?? SponsorshipState.Initial, command.CommunityId, sponsorshipId, command.Organizer) is { } refused)
        {
            return refused;
        }

        return Result.Ok<IReadOnlyList<IActivityEvent>>([
            new ActivityScheduled(command.CommunityId, command.Id, command.Title, command.Organizer, command.Date, command.Points, command.SponsorshipId),
        ]);
    }

    /// <summary>Folds one event; other types are ignored.</summary>
    public static ActivityState Evolve(ActivityState state, EventEnvelope e) => (e.Data switch
    {
        ActivityScheduled s => state with
        {
            Exists = true, CommunityId = s.CommunityId, ActivityId = s.ActivityId, Title = s.Title, Organizer = s.Organizer,
            Date = s.Date, Points = s.Points, SponsorshipId = s.SponsorshipId,
        },
        ParticipantsAdded p => state with
        {
            Participants = state.Participants.AddRange(p.Participants),
            Awarded = state.Awarded.Union(p.Participants),
        },
        _ => state,
    }) with { Version = e.Version };
}
