using Ledger.Common;

namespace Ledger.Households;

/// <summary>
/// A household's account as the API shows it, read from its events through the ledger's own fold, for callers that
/// hold events rather than a <see cref="HouseholdState"/> (tests, tools). Decisions of other modules never read it:
/// they hand a <see cref="HouseholdAccountState"/> to <see cref="HouseholdBalance"/>.
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
