using Ledger.Common;
using Ledger.Communities;

namespace Ledger.Households;

/// <summary>
/// <c>household-{passbook}</c> as <see cref="CommandService"/> runs a committee's command on it: the household and its
/// community loaded, the caller's access checked, the decision made, and the star level the decided events reach
/// appended with them.
/// </summary>
public static class HouseholdStream
{
    /// <summary>
    /// A command on the household, decided by <paramref name="decide"/> (household, community, decision time).
    /// Addressed by community (<paramref name="communityId"/> given), the caller must act for that community as its
    /// committee before anything is read. Addressed by passbook alone (null), a household the caller cannot see is
    /// <c>household-not-found</c>, like one that does not exist, and one it can see but not change is <c>forbidden</c>.
    /// </summary>
    public static StreamCommand<HouseholdState, IHouseholdEvent> Command(
        Principal principal,
        string passbook,
        string? communityId,
        Func<HouseholdState, CommunityState, DateTimeOffset, Result<IReadOnlyList<IHouseholdEvent>>> decide) =>
        new(StreamIds.Household(passbook), HouseholdState.Initial, HouseholdDecider.Evolve, async (session, household, ct) =>
        {
            if (communityId is null)
            {
                if (!household.Exists)
                {
                    return LedgerErrors.HouseholdNotFound(passbook);
                }

                if (Access.Household(principal, passbook, household.CommunityId, Role.Committee) is { } hidden)
                {
                    return hidden;
                }
            }

            var community = (await session.LoadAsync(
                StreamIds.Community(communityId ?? household.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct)).State;
            return decide(household, community, session.Now).Map(events => new Decision<HouseholdState, IHouseholdEvent>(
                events, (before, queued) => HouseholdDecider.DecideStarLevel(before, community.StarLevels, queued)));
        })
        {
            Denied = communityId is null ? null : Access.Act(principal, communityId, Role.Committee),
        };

    /// <summary>
    /// Queues <paramref name="events"/> for a household and, in the same append, the star level they make it reach
    /// (<see cref="HouseholdDecider.DecideStarLevel"/>), so an entry and the level it earns land together or not at all.
    /// For commands that span streams (an activity's participants); single-household commands get the same through
    /// <see cref="Command"/>.
    /// </summary>
    public static Folded<HouseholdState> AppendWithStarLevel(
        StreamSession session, Folded<HouseholdState> household, StarLevelScale levels, IReadOnlyList<IHouseholdEvent> events)
    {
        var after = session.Append(household, events);
        var queued = after.Appended.Skip(household.Appended.Count).ToList();
        return session.Append(after, HouseholdDecider.DecideStarLevel(household.State, levels, queued));
    }
}
