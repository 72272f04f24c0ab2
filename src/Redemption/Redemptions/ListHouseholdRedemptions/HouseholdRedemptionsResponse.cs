using Redemption.Catalog;

namespace Redemption.Redemptions.ListHouseholdRedemptions;

/// <summary>A household's latest redemptions, newest first.</summary>
/// <param name="Passbook">The household.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="Limit">The most this answer holds.</param>
/// <param name="Redemptions">Newest first.</param>
public sealed record HouseholdRedemptionsResponse(
    string Passbook, string CommunityId, int Limit, IReadOnlyList<HouseholdRedemption> Redemptions);

/// <summary>One redemption as the household's list shows it.</summary>
/// <param name="RedemptionId">What <c>POST /api/redemptions/{rid}/cancel</c> takes.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Day">The community's calendar day of <paramref name="At"/>.</param>
/// <param name="Member">Who redeemed.</param>
/// <param name="Points">Points taken.</param>
/// <param name="Status">Completed or cancelled.</param>
/// <param name="ClerkName">The clerk key's label.</param>
/// <param name="Lines">What was redeemed.</param>
/// <param name="Vouchers">Its service vouchers with their status.</param>
/// <param name="Cancellation">How it was cancelled; null while it stands.</param>
public sealed record HouseholdRedemption(
    string RedemptionId, DateTimeOffset At, DateOnly Day, string Member, long Points, RedemptionStatus Status, string ClerkName,
    IReadOnlyList<HouseholdRedemptionLine> Lines, IReadOnlyList<ReceiptVoucher> Vouchers, HouseholdRedemptionCancellation? Cancellation);

/// <summary>One line of a listed redemption.</summary>
public sealed record HouseholdRedemptionLine(string Sku, string Name, CatalogItemKind Kind, long Quantity, long Points);

/// <summary>How a listed redemption was cancelled.</summary>
public sealed record HouseholdRedemptionCancellation(string Reason, string CancelledByName, DateTimeOffset At);
