using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;

namespace Redemption.Catalog;

/// <summary>
/// <c>catalog-{cid}/{sku}</c> as <see cref="CommandService"/> runs a change to one item: the role check, the item
/// loaded and decided on, its events appended at the loaded version (what keeps receipts, withdrawals and sales from
/// losing each other), and the answer, the item's new state.
/// </summary>
public static class CatalogItemStream
{
    /// <summary>
    /// A change to the item, refused to callers without one of <paramref name="roles"/> in <paramref name="communityId"/>;
    /// <paramref name="decide"/> may read other streams through the session (a listing asks whether the community exists).
    /// </summary>
    public static StreamCommand<CatalogItemState, ICatalogItemEvent> Command(
        Principal principal, string communityId, string sku, Role[] roles,
        Func<StreamSession, CatalogItemState, CancellationToken, Task<Result<IReadOnlyList<ICatalogItemEvent>>>> decide) =>
        new(RedemptionStreams.CatalogItem(communityId, sku), CatalogItemState.Initial, CatalogDecider.Evolve,
            async (session, item, ct) => CommandService.Events<CatalogItemState, ICatalogItemEvent>(await decide(session, item, ct)))
        {
            Denied = Access.Act(principal, communityId, roles),
            MaxAttempts = RedemptionRules.MaxAttempts,
        };

    /// <summary>A change decided on the item alone.</summary>
    public static StreamCommand<CatalogItemState, ICatalogItemEvent> Command(
        Principal principal, string communityId, string sku, Role[] roles,
        Func<CatalogItemState, Result<IReadOnlyList<ICatalogItemEvent>>> decide) =>
        Command(principal, communityId, sku, roles, (_, item, _) => Task.FromResult(decide(item)));

    /// <summary>Runs <paramref name="command"/> and answers with the item as it stands after.</summary>
    public static Task<Result<CatalogItemResponse>> RunAsync(
        this CommandService service, StreamCommand<CatalogItemState, ICatalogItemEvent> command, CancellationToken cancellationToken) =>
        service.RunAsync(command, (after, _) => CatalogItemResponse.From(after.State), cancellationToken);
}
