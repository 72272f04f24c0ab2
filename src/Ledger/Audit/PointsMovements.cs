using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Audit;

/// <summary>Which term of the points identity an entry belongs to.</summary>
public enum PointsFlow
{
    /// <summary>Awarded for a points item or an activity.</summary>
    Issued,

    /// <summary>Deducted (the applied amount).</summary>
    Deducted,

    /// <summary>Taken back (or given back) by a correction.</summary>
    Corrected,

    /// <summary>Spent at the supermarket.</summary>
    Redeemed,

    /// <summary>Given back by a cancelled redemption.</summary>
    Refunded,

    /// <summary>Points expired (<see cref="PointsExpired"/>).</summary>
    Expired,
}

/// <summary>One entry that moves points, as the auditor reads it from the raw event.</summary>
/// <param name="Flow">Its term of the identity.</param>
/// <param name="Points">The amount of that term (a correction's net points taken back may be negative).</param>
/// <param name="BalanceChange">What it does to the household's balance.</param>
/// <param name="CommunityId">The community the entry says it belongs to (its own <c>communityId</c> field).</param>
public readonly record struct PointsMovement(PointsFlow Flow, long Points, long BalanceChange, string? CommunityId);

/// <summary>
/// Reads points movements from recorded events for the audit checks: parses only the types that move points (the
/// ledger's awards, deductions and corrections, plus every registered <see cref="IHouseholdPointsMovement"/> of other
/// modules), and leaves every other event unparsed.
/// </summary>
public sealed class PointsMovements
{
    private readonly EventTypeRegistry _registry;
    private readonly HashSet<string> _movementTypes;

    /// <summary>Learns the other modules' movement types from <paramref name="registry"/>.</summary>
    public PointsMovements(EventTypeRegistry registry)
    {
        _registry = registry;
        _movementTypes = registry.Names
            .Where(n => typeof(IHouseholdPointsMovement).IsAssignableFrom(registry.TypeOf(n)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The movement <paramref name="e"/> records, or null when it moves no points. JSON that no longer reads as its type
    /// counts as no movement: only a change behind the store's back makes such an event, and the hash chain names it.
    /// </summary>
    public PointsMovement? Read(RecordedEvent e)
    {
        try
        {
            return ReadUnchecked(e);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private PointsMovement? ReadUnchecked(RecordedEvent e)
    {
        if (EventNames.Is<PointsAwarded>(e.Type))
        {
            var a = Parse<PointsAwarded>(e);
            return new PointsMovement(PointsFlow.Issued, a.Points, a.Points, a.CommunityId);
        }

        if (EventNames.Is<ActivityPointsAwarded>(e.Type))
        {
            var a = Parse<ActivityPointsAwarded>(e);
            return new PointsMovement(PointsFlow.Issued, a.Points, a.Points, a.CommunityId);
        }

        if (e.Type == EventNames.Of<PointsDeducted>())
        {
            var d = Parse<PointsDeducted>(e);
            return new PointsMovement(PointsFlow.Deducted, d.Applied, -d.Applied, d.CommunityId);
        }

        if (e.Type == EventNames.Of<PointsExpired>())
        {
            var x = Parse<PointsExpired>(e);
            return new PointsMovement(PointsFlow.Expired, x.Points, -x.Points, x.CommunityId);
        }

        if (e.Type == EventNames.Of<EntryCorrected>())
        {
            var c = Parse<EntryCorrected>(e);
            return new PointsMovement(PointsFlow.Corrected, -c.Points, c.Points, c.CommunityId);
        }

        if (!_movementTypes.Contains(e.Type) || _registry.Deserialize(e) is not IHouseholdPointsMovement m)
        {
            return null;
        }

        // The interface does not carry the community; every movement event names it in its JSON, as the ledger's do.
        var community = Parse<CommunityField>(e).CommunityId;
        return m.Kind == PointsMovementKind.Redeemed
            ? new PointsMovement(PointsFlow.Redeemed, m.Points, -m.Points, community)
            : new PointsMovement(PointsFlow.Refunded, m.Points, m.Points, community);
    }

    /// <summary>The community a <c>HouseholdOpened.v1</c> opens its household in, or null for any other event.</summary>
    public static string? OpenedIn(RecordedEvent e)
    {
        try
        {
            return e.Type == EventNames.Of<HouseholdOpened>() ? Parse<HouseholdOpened>(e).CommunityId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Parse<T>(RecordedEvent e) =>
        JsonSerializer.Deserialize<T>(e.Data, LedgerJson.Options) ?? throw new JsonException($"Event {e.EventId} is null.");

    private sealed record CommunityField(string? CommunityId);
}
