using Ledger.Common;
using Ledger.EventStore;
using Redemption.Catalog;
using Redemption.Common;
using MediatR;

namespace Redemption.Redemptions.Redeem;

/// <summary>
/// Loads the community, the household and every item, decides, and appends the receipt (a new stream), the household's
/// payment (<c>PointsRedeemed.v1</c>, as the ledger's <see cref="Ledger.Households.HouseholdBalance.Spend"/> decided it)
/// and each item's <c>CatalogItemRedeemed.v1</c> in ONE transaction, each stream at the version
/// it was loaded at. Two clerks selling to one household, or the last unit of an item, collide on those versions: one
/// lands, the other decides again on fresh state, so balances never overdraw and no unit is sold twice. Streams load
/// through <see cref="RedemptionStreamCaches"/>: a popular item costs what was sold since the last load, not its history.
/// </summary>
public sealed class RedeemHandler(
    IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context, RedemptionStreamCaches caches)
    : IRequestHandler<RedeemCommand, Result<RedemptionResponse>>
{
    public Task<Result<RedemptionResponse>> Handle(RedeemCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Clerk) is { } denied)
        {
            return Task.FromResult(Result.Fail<RedemptionResponse>(denied));
        }

        // Required, not optional: the counter's network is flaky, and a retry without a key could charge twice.
        if (context.Idempotency is null)
        {
            return Task.FromResult(Result.Fail<RedemptionResponse>(RedemptionErrors.IdempotencyKeyRequired()));
        }

        // Every counter sells the same few items: queued in-process, they take turns rather than lose appends and back
        // off. The turn passes on as soon as the append is written, before its COMMIT: the next sale decides on the
        // written state (the cache keeps it for appends only) and joins the same or the next group commit.
        return new CommandService(store, registry, clock, context, caches).RunAsync(
            new MultiStreamCommand<RedemptionResponse>((session, ct) => AttemptAsync(command, session, ct))
            {
                MaxAttempts = RedemptionRules.MaxAttempts,
                TurnsFirst =
                [
                    StreamIds.Household(command.Passbook),
                    .. (command.Lines ?? []).Select(l => RedemptionStreams.CatalogItem(command.CommunityId, l.Sku)),
                ],
            },
            cancellationToken);
    }

    private async Task<Result<RedemptionResponse>> AttemptAsync(RedeemCommand command, StreamSession session, CancellationToken ct)
    {
        // The decision reads only what the registration fixed for good (the community exists, its time zone): no read
        // once the cache has seen it registered.
        var community = (await caches.LoadSettledAsync(session, caches.Communities, StreamIds.Community(command.CommunityId), c => c.Exists, ct)).State;
        var householdStream = await caches.LoadToAppendAsync(session, caches.Households, StreamIds.Household(command.Passbook), ct);
        var household = householdStream.State;
        var items = new Dictionary<string, Folded<CatalogItemState>>(StringComparer.Ordinal);
        if (household.CommunityId == command.CommunityId)
        {
            // Sorted, so concurrent baskets load (and the store locks) items in one order.
            foreach (var sku in (command.Lines ?? []).Select(l => l.Sku).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                items[sku] = await caches.LoadToAppendAsync(session, caches.Items, RedemptionStreams.CatalogItem(command.CommunityId, sku), ct);
            }
        }

        var redemptionId = RedemptionIds.NewRedemptionId(session.Now);
        var decided = RedemptionDecider.Decide(
            command, redemptionId, new DecisionContext(session.Principal, context.Principal.Label, session.Now), community, household,
            items.ToDictionary(i => i.Key, i => i.Value.State, StringComparer.Ordinal));
        if (!decided.IsSuccess)
        {
            return decided.Error;
        }

        var decision = decided.Value;
        // A new stream: version 0 is "no stream", so two redemptions can never share an id.
        session.Append(new LoadedStream(RedemptionStreams.Redemption(redemptionId), 0, []), [decision.Receipt]);
        var paid = session.Append(householdStream, decision.Payment);
        foreach (var sold in decision.Items)
        {
            session.Append(items[sold.Sku], [sold]);
        }

        var receipt = decision.Receipt;
        var balance = paid.State.Balance;
        return new RedemptionResponse(
            receipt.RedemptionId, receipt.CommunityId, receipt.Passbook, receipt.Member, receipt.Points, balance, receipt.Lines,
            RedemptionReceipt.VouchersOf(new RedemptionState { Receipt = receipt }), receipt.Clerk, receipt.ClerkName, receipt.At, receipt.Day);
    }
}
