using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;

namespace Ledger.Households;

/// <summary>
/// A committee's change to <c>household-{passbook}</c>: the one load, decide, append of every household command, on
/// top of <see cref="StreamCommandRunner"/> (idempotency, retries on a lost race). The caller supplies only the
/// decision and the answer; the star level the decided events reach is appended with them.
/// </summary>
public sealed class HouseholdCommand(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
{
    /// <summary>
    /// Loads the household and its community, decides with <paramref name="decide"/> (household, community, decision
    /// time), appends what it decided at the household's loaded version and answers with <paramref name="respond"/>.
    /// Addressed by community (<paramref name="communityId"/> given), the caller must act for that community as its
    /// committee before anything is read. Addressed by passbook alone (null), a household the caller cannot see is
    /// <c>household-not-found</c>, like one that does not exist, and one it can see but not change is <c>forbidden</c>.
    /// </summary>
    public Task<Result<T>> RunAsync<T>(
        string passbook,
        string? communityId,
        Func<HouseholdState, CommunityState, DateTimeOffset, Result<IReadOnlyList<IHouseholdEvent>>> decide,
        Func<Folded<HouseholdState>, T> respond,
        CancellationToken cancellationToken)
    {
        if (communityId is not null && Access.Act(context.Principal, communityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<T>(denied));
        }

        return new StreamCommandRunner(store, registry, clock, context).RunAsync<T>(async (session, ct) =>
        {
            var household = await session.LoadAsync(
                StreamIds.Household(passbook), HouseholdState.Initial, HouseholdDecider.Evolve, ct);
            if (communityId is null)
            {
                if (!household.State.Exists)
                {
                    return LedgerErrors.HouseholdNotFound(passbook);
                }

                if (Access.Household(context.Principal, passbook, household.State.CommunityId, Role.Committee) is { } hidden)
                {
                    return hidden;
                }
            }

            var community = await session.LoadAsync(
                StreamIds.Community(communityId ?? household.State.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct);
            var decided = decide(household.State, community.State, session.Now);
            return decided.IsSuccess
                ? respond(AppendWithStarLevel(session, household, community.State.StarLevels, decided.Value))
                : decided.Error;
        }, cancellationToken);
    }

    /// <summary>
    /// Queues <paramref name="events"/> for a household and, in the same append, the star level they make it reach
    /// (<see cref="HouseholdDecider.DecideStarLevel"/>), so an entry and the level it earns land together or not at all.
    /// Every command that changes a household's points earned appends through here.
    /// </summary>
    public static Folded<HouseholdState> AppendWithStarLevel(
        StreamSession session, Folded<HouseholdState> household, StarLevelScale levels, IReadOnlyList<object> events)
    {
        var after = session.Append(household, events);
        var queued = after.Appended.Skip(household.Appended.Count).ToList();
        return session.Append(after, HouseholdDecider.DecideStarLevel(household.State, levels, queued));
    }
}
