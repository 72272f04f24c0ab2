using Ledger.EventStore;
using Redemption.Catalog;

namespace Redemption.Redemptions;

/// <summary>
/// The closed set of events on <c>redemption-{rid}</c>, all in this file: a receipt, its cancellation, its vouchers
/// fulfilled. A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface IRedemptionEvent;

/// <summary>
/// A redemption's receipt: first event of <c>redemption-{rid}</c>, appended in one transaction with the household's
/// <c>PointsRedeemed.v1</c> and each item's <c>CatalogItemRedeemed.v1</c>. It pins each line's name and unit price at
/// the item's version, so the receipt reads the same after the catalogue changes.
/// </summary>
/// <param name="RedemptionId">The redemption's id.</param>
/// <param name="CommunityId">The community whose supermarket it was.</param>
/// <param name="Passbook">The household that paid.</param>
/// <param name="Member">The member who redeemed (the head of household unless named).</param>
/// <param name="Points">Points taken: the sum of the lines.</param>
/// <param name="Lines">What was redeemed, one line per sku.</param>
/// <param name="Clerk">The principal id of the clerk's key.</param>
/// <param name="ClerkName">That key's label, for receipts and the shift close.</param>
/// <param name="At">When it was decided (UTC).</param>
/// <param name="Day">The calendar day of <paramref name="At"/> in the community's zone: the shift it belongs to.</param>
[EventType("RedemptionRecorded.v1")]
public sealed record RedemptionRecorded(
    string RedemptionId, string CommunityId, string Passbook, string Member, long Points, IReadOnlyList<RedemptionLine> Lines,
    string Clerk, string ClerkName, DateTimeOffset At, DateOnly Day) : IRedemptionEvent;

/// <summary>One line of a receipt.</summary>
/// <param name="Sku">The item.</param>
/// <param name="Name">Its name at <paramref name="ItemVersion"/>.</param>
/// <param name="Kind">Goods or service.</param>
/// <param name="ItemVersion">The item's version sold.</param>
/// <param name="UnitPoints">The price of one unit at that version.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Points">UnitPoints × Quantity.</param>
/// <param name="Vouchers">A service's voucher ids, one per unit; empty for goods.</param>
public sealed record RedemptionLine(
    string Sku, string Name, CatalogItemKind Kind, int ItemVersion, long UnitPoints, int Quantity, long Points, IReadOnlyList<string> Vouchers);

/// <summary>
/// The redemption was cancelled: appended with the household's <c>PointsRefunded.v1</c> and each item's
/// <c>CatalogItemReturned.v1</c> in one transaction.
/// </summary>
/// <param name="RedemptionId">The redemption.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="Passbook">The household refunded.</param>
/// <param name="Points">Points refunded: all the redemption took.</param>
/// <param name="Reason">Why (required).</param>
/// <param name="CancelledBy">The principal id of the key that cancelled.</param>
/// <param name="CancelledByName">That key's label.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Day">The day of <paramref name="At"/> in the community's zone: the shift of whoever cancelled.</param>
[EventType("RedemptionCancelled.v1")]
public sealed record RedemptionCancelled(
    string RedemptionId, string CommunityId, string Passbook, long Points, string Reason, string CancelledBy, string CancelledByName,
    DateTimeOffset At, DateOnly Day) : IRedemptionEvent;

/// <summary>A service voucher of the redemption was used: the service was delivered.</summary>
/// <param name="RedemptionId">The redemption that issued it.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="VoucherId">The voucher.</param>
/// <param name="Sku">The service.</param>
/// <param name="FulfilledBy">The principal id of the key that marked it.</param>
/// <param name="FulfilledByName">That key's label.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Day">The day of <paramref name="At"/> in the community's zone.</param>
[EventType("VoucherFulfilled.v1")]
public sealed record VoucherFulfilled(
    string RedemptionId, string CommunityId, string VoucherId, string Sku, string FulfilledBy, string FulfilledByName,
    DateTimeOffset At, DateOnly Day) : IRedemptionEvent;
