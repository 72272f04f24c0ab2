using Redemption.Redemptions;

namespace Redemption.Vouchers;

/// <summary>A service voucher.</summary>
/// <param name="VoucherId">Its id.</param>
/// <param name="RedemptionId">The redemption that issued it.</param>
/// <param name="CommunityId">The community.</param>
/// <param name="Passbook">The household it belongs to.</param>
/// <param name="Member">The member who redeemed it.</param>
/// <param name="Sku">The service.</param>
/// <param name="Name">The service's name on the receipt.</param>
/// <param name="Status">Open, fulfilled or cancelled.</param>
/// <param name="IssuedAt">When it was issued (UTC).</param>
/// <param name="IssuedBy">The clerk who issued it.</param>
/// <param name="FulfilledAt">When it was fulfilled.</param>
/// <param name="FulfilledBy">Who fulfilled it (principal id).</param>
/// <param name="FulfilledByName">That key's label.</param>
public sealed record VoucherResponse(
    string VoucherId, string RedemptionId, string CommunityId, string Passbook, string Member, string Sku, string Name,
    VoucherStatus Status, DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset? FulfilledAt = null, string? FulfilledBy = null,
    string? FulfilledByName = null);

/// <summary><c>GET /api/communities/{cid}/vouchers</c>.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Status">The status asked for, or null for all.</param>
/// <param name="Vouchers">Matching vouchers, oldest first.</param>
public sealed record VoucherListResponse(string CommunityId, VoucherStatus? Status, IReadOnlyList<VoucherResponse> Vouchers);
