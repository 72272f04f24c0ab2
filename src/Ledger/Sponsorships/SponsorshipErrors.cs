using Ledger.Common;

namespace Ledger.Sponsorships;

/// <summary>The problem slugs of sponsorships, one factory per slug; stable once released.</summary>
public static class SponsorshipErrors
{
    /// <summary>409: a sponsorship with this id is already recorded in the community.</summary>
    public static LedgerError Exists(string communityId, string sponsorshipId) =>
        new("sponsorship-exists", ErrorKind.Conflict, "Sponsorship already exists",
            $"Community '{communityId}' already has sponsorship '{sponsorshipId}'.", Ext(("sponsorshipId", sponsorshipId)));

    /// <summary>404: no such sponsorship in the community (or one the caller may not know about).</summary>
    public static LedgerError NotFound(string communityId, string sponsorshipId) =>
        new("sponsorship-not-found", ErrorKind.NotFound, "Sponsorship not found",
            $"Community '{communityId}' has no sponsorship '{sponsorshipId}'.", Ext(("sponsorshipId", sponsorshipId)));

    /// <summary>409: an activity may draw only on a points budget.</summary>
    public static LedgerError NotPointsBudget(string sponsorshipId) =>
        new("not-a-points-budget", ErrorKind.Conflict, "Not a points budget",
            $"Sponsorship '{sponsorshipId}' gave goods; only a points budget can fund an activity.", Ext(("sponsorshipId", sponsorshipId)));

    /// <summary>409: the budget belongs to another sponsor than the activity's organiser.</summary>
    public static LedgerError NotOrganizers(string sponsorshipId, string sponsorName, string organizerName) =>
        new("sponsor-not-organizer", ErrorKind.Conflict, "Budget of another sponsor",
            $"Sponsorship '{sponsorshipId}' is funded by '{sponsorName}', not by the activity's organiser '{organizerName}'.",
            Ext(("sponsorshipId", sponsorshipId), ("sponsorName", sponsorName), ("organizerName", organizerName)));

    /// <summary>409: awarding the participants would draw more points than the budget has left; nobody is awarded.</summary>
    public static LedgerError BudgetExhausted(string sponsorshipId, long remaining, long needed) =>
        new("budget-exhausted", ErrorKind.Conflict, "Budget exhausted",
            $"Sponsorship '{sponsorshipId}' has {remaining} points left; awarding these participants needs {needed}. Nobody was awarded.",
            Ext(("sponsorshipId", sponsorshipId), ("remaining", remaining), ("needed", needed)));

    private static IReadOnlyDictionary<string, object?> Ext(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
