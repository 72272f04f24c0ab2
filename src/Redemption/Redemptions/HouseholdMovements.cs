using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Redemption.Redemptions;

/// <summary>
/// Points spent at the supermarket, on <c>household-{passbook}</c>. The ledger's household fold counts it through
/// <see cref="IHouseholdPointsMovement"/> without knowing this module.
/// </summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="RedemptionId">The receipt.</param>
/// <param name="Points">Points taken (positive).</param>
/// <param name="Member">The member who redeemed.</param>
/// <param name="Description">The passbook line, e.g. <c>花生油 5L ×2、洗车 ×1</c>.</param>
[EventType("PointsRedeemed.v1")]
public sealed record PointsRedeemed(string CommunityId, string RedemptionId, long Points, string Member, string Description)
    : IHouseholdPointsMovement
{
    // Explicit, so the kind is a fact of the type and never a field of the stored JSON.
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Redeemed;
}

/// <summary>Points given back because their redemption was cancelled, on <c>household-{passbook}</c>.</summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="RedemptionId">The cancelled receipt.</param>
/// <param name="Points">Points refunded (positive): all the redemption took.</param>
/// <param name="Member">The member who had redeemed.</param>
/// <param name="Description">The passbook line: what was returned.</param>
/// <param name="Reason">Why it was cancelled.</param>
[EventType("PointsRefunded.v1")]
public sealed record PointsRefunded(string CommunityId, string RedemptionId, long Points, string Member, string Description, string Reason)
    : IHouseholdPointsMovement
{
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Refunded;
}
