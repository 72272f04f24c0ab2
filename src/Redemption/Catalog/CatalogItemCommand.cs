using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;

namespace Redemption.Catalog;

/// <summary>
/// A change to one existing catalogue item (<c>catalog-{cid}/{sku}</c>): the one role check, load, decide and append
/// of those commands, on top of <see cref="StreamCommandRunner"/> (idempotency, retries on a lost race). Appending
/// at the item's loaded version is what keeps receipts, withdrawals and sales from losing each other.
/// </summary>
public sealed class CatalogItemCommand(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
{
    /// <summary>
    /// Refuses callers without one of <paramref name="roles"/> in <paramref name="communityId"/>; otherwise loads the
    /// item, decides with <paramref name="decide"/>, appends what it decided and answers with the item's new state.
    /// </summary>
    public Task<Result<CatalogItemResponse>> RunAsync(
        string communityId, string sku, Role[] roles,
        Func<CatalogItemState, Result<IReadOnlyList<object>>> decide,
        CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, communityId, roles) is { } denied)
        {
            return Task.FromResult(Result.Fail<CatalogItemResponse>(denied));
        }

        return new StreamCommandRunner(store, registry, clock, context) { MaxAttempts = RedemptionRules.MaxAttempts }
            .RunAsync<CatalogItemResponse>(async (session, ct) =>
            {
                var item = await session.LoadAsync(
                    RedemptionStreams.CatalogItem(communityId, sku), CatalogItemState.Initial, CatalogDecider.Evolve, ct);
                var decided = decide(item.State);
                return decided.IsSuccess
                    ? CatalogItemResponse.From(session.Append(item, decided.Value).State)
                    : decided.Error;
            }, cancellationToken);
    }
}
