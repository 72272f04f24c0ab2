using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Communities;

/// <summary>
/// A committee's change to <c>community-{cid}</c>: the one load, decide, append of every community command, on top of
/// <see cref="StreamCommandRunner"/> (idempotency, retries on a lost race). The caller supplies only the decision and
/// the answer.
/// </summary>
public sealed class CommunityCommand(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
{
    /// <summary>
    /// Checks the caller acts for <paramref name="communityId"/> as its committee, loads the community, decides with
    /// <paramref name="decide"/>, appends what it decided at the loaded version, and answers with
    /// <paramref name="respond"/> from the state after the append and the events decided (none: nothing changed).
    /// </summary>
    public Task<Result<T>> RunAsync<T>(
        string communityId,
        Func<CommunityState, Result<IReadOnlyList<object>>> decide,
        Func<CommunityState, IReadOnlyList<object>, T> respond,
        CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, communityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<T>(denied));
        }

        return new StreamCommandRunner(store, registry, clock, context).RunAsync<T>(async (session, ct) =>
        {
            var community = await session.LoadAsync(
                StreamIds.Community(communityId), CommunityState.Initial, CommunityDecider.Evolve, ct);
            var decided = decide(community.State);
            return decided.IsSuccess
                ? respond(session.Append(community, decided.Value).State, decided.Value)
                : decided.Error;
        }, cancellationToken);
    }

    /// <summary>
    /// The read side's one load of <c>community-{cid}</c>: the caller must be allowed to read the community (admin,
    /// auditor, its own keys), and a community that does not exist is <c>community-not-found</c>.
    /// </summary>
    public static async Task<Result<CommunityState>> ReadAsync(
        IEventStore store, EventTypeRegistry registry, Principal principal, string communityId, CancellationToken cancellationToken)
    {
        if (Access.Read(principal, communityId) is { } denied)
        {
            return denied;
        }

        var stream = await StreamLoader.LoadAsync(store, registry, StreamIds.Community(communityId), null, cancellationToken);
        var state = stream.Fold(CommunityState.Initial, CommunityDecider.Evolve);
        return state.Exists ? state : LedgerErrors.CommunityNotFound(communityId);
    }
}
