using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Communities;

/// <summary>
/// <c>community-{cid}</c>: a committee's command on it as <see cref="CommandService"/> runs it, and the read side's one
/// load of it.
/// </summary>
public static class CommunityStream
{
    /// <summary>
    /// A command on the community, decided by <paramref name="decide"/>; the caller must act for
    /// <paramref name="communityId"/> as its committee before anything is read.
    /// </summary>
    public static StreamCommand<CommunityState, ICommunityEvent> Command(
        Principal principal, string communityId, Func<CommunityState, Result<IReadOnlyList<ICommunityEvent>>> decide) =>
        Command(communityId, Access.Act(principal, communityId, Role.Committee), decide);

    /// <summary>As <see cref="Command(Principal, string, Func{CommunityState, Result{IReadOnlyList{ICommunityEvent}}})"/>, for a decision that needs its time.</summary>
    public static StreamCommand<CommunityState, ICommunityEvent> Command(
        Principal principal, string communityId, Func<CommunityState, DateTimeOffset, Result<IReadOnlyList<ICommunityEvent>>> decide) =>
        new(StreamIds.Community(communityId), CommunityState.Initial, CommunityDecider.Evolve,
            (session, community, _) => Task.FromResult(CommandService.Events<CommunityState, ICommunityEvent>(decide(community, session.Now))))
        {
            Denied = Access.Act(principal, communityId, Role.Committee),
        };

    /// <summary>A command on the community that <paramref name="denied"/> refuses before anything is read, unless null.</summary>
    public static StreamCommand<CommunityState, ICommunityEvent> Command(
        string communityId, LedgerError? denied, Func<CommunityState, Result<IReadOnlyList<ICommunityEvent>>> decide) =>
        new(StreamIds.Community(communityId), CommunityState.Initial, CommunityDecider.Evolve,
            (_, community, _) => Task.FromResult(CommandService.Events<CommunityState, ICommunityEvent>(decide(community))))
        {
            Denied = denied,
        };

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

        var state = await LoadAsync(store, registry, communityId, cancellationToken);
        return state.Exists ? state : LedgerErrors.CommunityNotFound(communityId);
    }

    /// <summary>
    /// <c>community-{cid}</c> folded, for a caller that has checked access itself (or acts for the ledger, as the
    /// expiry job does); a community that does not exist is <see cref="CommunityState.Exists"/> false.
    /// </summary>
    public static async Task<CommunityState> LoadAsync(
        IEventStore store, EventTypeRegistry registry, string communityId, CancellationToken cancellationToken) =>
        (await StreamLoader.LoadAsync(store, registry, StreamIds.Community(communityId), null, cancellationToken))
        .Fold(CommunityState.Initial, CommunityDecider.Evolve);
}
