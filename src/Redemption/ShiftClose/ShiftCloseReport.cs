using Redemption.Catalog;
using Redemption.Redemptions;

namespace Redemption.ShiftClose;

/// <summary>
/// A clerk's shift close (日结) for one calendar day of the community: what they redeemed that day, what they cancelled
/// that day (whoever had redeemed it), the net points taken, units out per sku and vouchers issued and fulfilled.
/// A redemption cancelled later stays in the day it was made (its status shows it), and the refund counts in the shift
/// that cancelled it, so a closed day's totals never change afterwards.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="CommunityName">Its name.</param>
/// <param name="Date">The day, in the community's zone.</param>
/// <param name="TimeZone">That zone.</param>
/// <param name="Clerk">The principal id whose shift this is.</param>
/// <param name="ClerkName">That key's label, when known.</param>
/// <param name="Redemptions">Redemptions made in the shift.</param>
/// <param name="Cancellations">Cancellations made in the shift.</param>
/// <param name="Points">Points redeemed, refunded and net.</param>
/// <param name="Items">Units per sku: out with redemptions, back with cancellations.</param>
/// <param name="Vouchers">Service vouchers issued and fulfilled in the shift.</param>
public sealed record ShiftCloseReport(
    string CommunityId, string CommunityName, DateOnly Date, string TimeZone, string Clerk, string? ClerkName,
    ShiftRedemptions Redemptions, ShiftCancellations Cancellations, ShiftPoints Points, IReadOnlyList<ShiftItem> Items,
    ShiftVouchers Vouchers);

/// <summary>Redemptions of the shift.</summary>
public sealed record ShiftRedemptions(int Count, long Points, IReadOnlyList<ShiftRedemption> List);

/// <summary>One redemption of the shift.</summary>
public sealed record ShiftRedemption(
    string RedemptionId, DateTimeOffset At, string Passbook, string Member, long Points, RedemptionStatus Status, string Description);

/// <summary>Cancellations of the shift.</summary>
public sealed record ShiftCancellations(int Count, long Points, IReadOnlyList<ShiftCancellation> List);

/// <summary>One cancellation made in the shift.</summary>
/// <param name="RedemptionId">The redemption cancelled.</param>
/// <param name="At">When it was cancelled.</param>
/// <param name="Passbook">The household refunded.</param>
/// <param name="Points">Points refunded.</param>
/// <param name="Reason">Why.</param>
/// <param name="RedeemedBy">The clerk who had made the redemption.</param>
/// <param name="RedeemedOn">The day it was made.</param>
public sealed record ShiftCancellation(
    string RedemptionId, DateTimeOffset At, string Passbook, long Points, string Reason, string RedeemedBy, DateOnly RedeemedOn);

/// <summary>Points of the shift: redeemed - refunded = net.</summary>
public sealed record ShiftPoints(long Redeemed, long Refunded, long Net);

/// <summary>Units of one sku in the shift.</summary>
public sealed record ShiftItem(string Sku, string Name, CatalogItemKind Kind, long Out, long Returned, long Net);

/// <summary>Vouchers of the shift.</summary>
public sealed record ShiftVouchers(long Issued, long Fulfilled);
