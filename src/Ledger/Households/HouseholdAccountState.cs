using Ledger.Common;

namespace Ledger.Households;

/// <summary>
/// A household's fold as another module may keep it between requests (in a <see cref="StreamStateCache{TState}"/>) and
/// hand back to the household's own decisions (<see cref="HouseholdBalance"/>). Opaque apart from what a receipt shows,
/// so <see cref="HouseholdState"/> stays free to change with the ledger's rules.
/// </summary>
public sealed record HouseholdAccountState
{
    private HouseholdAccountState(HouseholdState state) => State = state;

    /// <summary>Before the household is opened.</summary>
    public static HouseholdAccountState Initial { get; } = new(HouseholdState.Initial);

    internal HouseholdState State { get; }

    /// <summary>The household's community, or null before it is opened.</summary>
    public string? CommunityId => State.Exists ? State.CommunityId : null;

    /// <summary>Points available: what a receipt shows after the sale or the refund.</summary>
    public long Balance => State.Balance;

    /// <summary>The household as the folded events describe it.</summary>
    public static HouseholdAccountState Of(IEnumerable<EventEnvelope> events) =>
        events.Aggregate(Initial, Evolve);

    /// <summary>The ledger's own household fold.</summary>
    public static HouseholdAccountState Evolve(HouseholdAccountState account, EventEnvelope e) =>
        new(HouseholdDecider.Evolve(account.State, e));
}
