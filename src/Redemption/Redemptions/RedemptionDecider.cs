using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Redemptions.Redeem;

namespace Redemption.Redemptions;

/// <summary>Who decides, and when: the parts of a decision that are not in any stream.</summary>
/// <param name="By">The principal id of the caller's key.</param>
/// <param name="ByName">That key's label.</param>
/// <param name="Now">The decision time (UTC).</param>
public sealed record DecisionContext(string By, string ByName, DateTimeOffset Now);

/// <summary>
/// A redemption's events, one group per stream; appended together or not at all. The household's payment is what its
/// own decision (<see cref="HouseholdBalance.Spend"/>) returned.
/// </summary>
public sealed record RedemptionDecision(
    RedemptionRecorded Receipt, IReadOnlyList<IHouseholdEvent> Payment, IReadOnlyList<CatalogItemRedeemed> Items);

/// <summary>
/// A cancellation's events, one group per stream; appended together or not at all. The household's refund is what its
/// own decision (<see cref="HouseholdBalance.Refund"/>) returned.
/// </summary>
public sealed record CancellationDecision(
    RedemptionCancelled Cancellation, IReadOnlyList<IHouseholdEvent> Refund, IReadOnlyList<CatalogItemReturned> Items);

/// <summary>
/// The pure rules of a redemption and its cancellation. They span streams (the household, each item, the receipt);
/// the handler loads them, and the append's expected versions make the decision hold when it lands. The household's
/// side (who pays, whether the balance covers it, the refund) is the ledger's decision, called from here.
/// </summary>
public static class RedemptionDecider
{
    /// <summary>Lines of the same sku merged into one, in the order each sku first appears.</summary>
    public static IReadOnlyList<RedeemLine> Merge(IEnumerable<RedeemLine> lines) =>
        [.. lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new RedeemLine(g.Key, g.Sum(l => l.Quantity)))];

    /// <summary>
    /// Checks, in order: the community, the payer (the household of this community and its member, as the ledger
    /// says), each line's item (listed, not withdrawn, enough available), the size of the entry, and last the household's
    /// spending (<see cref="HouseholdBalance.Spend"/>: the balance must cover the total). Services get one voucher per
    /// unit, numbered across the receipt.
    /// </summary>
    public static Result<RedemptionDecision> Decide(
        RedeemCommand command, string redemptionId, DecisionContext context, CommunityState community, HouseholdAccountState household,
        IReadOnlyDictionary<string, CatalogItemState> items)
    {
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var payer = HouseholdBalance.Payer(household, command.CommunityId, command.Passbook, command.Member);
        if (!payer.IsSuccess)
        {
            return payer.Error!;
        }

        var member = payer.Value!;

        var lines = new List<RedemptionLine>();
        var voucherCount = 0;
        foreach (var wanted in Merge(command.Lines ?? []))
        {
            if (items.GetValueOrDefault(wanted.Sku) is not { Exists: true } item)
            {
                return RedemptionErrors.ItemNotFound(command.CommunityId, wanted.Sku);
            }

            if (item.Withdrawn)
            {
                return RedemptionErrors.ItemWithdrawn(wanted.Sku);
            }

            if (item.Available is { } available && available < wanted.Quantity)
            {
                return RedemptionErrors.OutOfStock(wanted.Sku, available, wanted.Quantity);
            }

            var vouchers = new List<string>();
            for (var unit = 0; item.Kind == CatalogItemKind.Service && unit < wanted.Quantity; unit++)
            {
                vouchers.Add(RedemptionIds.Voucher(redemptionId, ++voucherCount));
            }

            lines.Add(new RedemptionLine(
                item.Sku, item.Name, item.Kind, item.ItemVersion, item.Points, wanted.Quantity, item.Points * wanted.Quantity, vouchers));
        }

        var points = lines.Sum(l => l.Points);
        if (points > LedgerRules.MaxPointsPerEntry)
        {
            return RedemptionErrors.TooManyPoints(points);
        }

        var payment = HouseholdBalance.Spend(
            household, new SpendPoints(command.CommunityId, command.Passbook, member, redemptionId, points, Describe(lines)));
        if (!payment.IsSuccess)
        {
            return payment.Error!;
        }

        var day = CommunityCalendar.DateOf(context.Now, community.TimeZone);
        return new RedemptionDecision(
            new RedemptionRecorded(redemptionId, command.CommunityId, command.Passbook, member, points, lines,
                context.By, context.ByName, context.Now, day),
            payment.Value!,
            [.. lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new CatalogItemRedeemed(
                command.CommunityId, l.Sku, redemptionId, l.ItemVersion, l.Kind, l.Quantity))]);
    }

    /// <summary>
    /// Cancels once, refunding every point and returning every unit. A redemption with a fulfilled voucher is refused:
    /// the service was delivered, and refunding part of a receipt would leave it neither standing nor cancelled.
    /// </summary>
    public static Result<CancellationDecision> Decide(
        CancelRedemptionCommand command, RedemptionState state, HouseholdAccountState household, DecisionContext context, string timeZone)
    {
        if (state.Receipt is not { } receipt)
        {
            return RedemptionErrors.RedemptionNotFound(command.RedemptionId);
        }

        if (state.Cancellation is not null)
        {
            return RedemptionErrors.AlreadyCancelled(command.RedemptionId);
        }

        if (state.Fulfilled.Keys.Order(StringComparer.Ordinal).FirstOrDefault() is { } used)
        {
            return RedemptionErrors.VoucherFulfilled(command.RedemptionId, used);
        }

        var refund = HouseholdBalance.Refund(household, new RefundPoints(
            receipt.CommunityId, receipt.Passbook, receipt.Member, receipt.RedemptionId, receipt.Points, Describe(receipt.Lines), command.Reason));
        if (!refund.IsSuccess)
        {
            return refund.Error!;
        }

        return new CancellationDecision(
            new RedemptionCancelled(receipt.RedemptionId, receipt.CommunityId, receipt.Passbook, receipt.Points, command.Reason,
                context.By, context.ByName, context.Now, CommunityCalendar.DateOf(context.Now, timeZone)),
            refund.Value!,
            [.. receipt.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new CatalogItemReturned(
                receipt.CommunityId, l.Sku, receipt.RedemptionId, l.Kind, l.Quantity))]);
    }

    /// <summary>The passbook line: <c>花生油 5L ×2、洗车 ×1</c>.</summary>
    public static string Describe(IEnumerable<RedemptionLine> lines) => string.Join("、", lines.Select(l => $"{l.Name} ×{l.Quantity}"));
}
