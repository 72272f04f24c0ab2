using Ledger.Common;

namespace Ledger.Households;

/// <summary>
/// A household's fold as another module may keep it between requests (in a <see cref="StreamStateCache{TState}"/>):
/// opaque, read only through <see cref="Account"/>, so <see cref="HouseholdState"/> stays free to change with the
/// ledger's rules, exactly as with <see cref="HouseholdAccounts.Read"/>.
/// </summary>
public sealed record HouseholdAccountState
{
    private HouseholdAccountState(HouseholdState state) => State = state;

    /// <summary>Before the household is opened.</summary>
    public static HouseholdAccountState Initial { get; } = new(HouseholdState.Initial);

    internal HouseholdState State { get; }

    /// <summary>The account the folded events describe, or null when they do not open one.</summary>
    public HouseholdResponse? Account => State.Exists ? HouseholdResponse.From(State) : null;

    /// <summary>The ledger's own household fold.</summary>
    public static HouseholdAccountState Evolve(HouseholdAccountState account, EventEnvelope e) =>
        new(HouseholdDecider.Evolve(account.State, e));
}
