using Ledger.Common;

namespace Ledger.Households;

/// <summary>
/// A household's account as other modules may read it. The supermarket decides redemptions on a household's balance,
/// community and members; it reads them here, through the ledger's own fold, instead of depending on
/// <see cref="HouseholdState"/>, which stays free to change with the ledger's rules.
/// </summary>
public static class HouseholdAccounts
{
    /// <summary>
    /// The account the events describe, or null when they do not open one. Pass a loaded stream's events, plus any
    /// events queued for it, to see the account as it will stand after the append.
    /// </summary>
    public static HouseholdResponse? Read(IEnumerable<EventEnvelope> events)
    {
        var state = events.Aggregate(HouseholdState.Initial, HouseholdDecider.Evolve);
        return state.Exists ? HouseholdResponse.From(state) : null;
    }
}
