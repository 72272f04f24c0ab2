using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Tests.Domain.Support;

/// <summary>Stands in for the supermarket's redemption event, which lives in another module.</summary>
[EventType("TestPointsRedeemed.v1")]
public sealed record TestPointsRedeemed(long Points, string? Member, string Goods) : IHouseholdPointsMovement
{
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Redeemed;

    string IHouseholdPointsMovement.Description => Goods;
}

/// <summary>Stands in for the supermarket's refund event.</summary>
[EventType("TestPointsRefunded.v1")]
public sealed record TestPointsRefunded(long Points, string? Member, string Goods) : IHouseholdPointsMovement
{
    PointsMovementKind IHouseholdPointsMovement.Kind => PointsMovementKind.Refunded;

    string IHouseholdPointsMovement.Description => Goods;
}

/// <summary>An event type the household fold has never heard of.</summary>
[EventType("TestSomethingElse.v1")]
public sealed record TestSomethingElse(string Text);
