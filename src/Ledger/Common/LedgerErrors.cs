namespace Ledger.Common;

/// <summary>
/// Every problem slug the ledger domain answers with, one factory per slug. Slugs are stable: the API publishes
/// each as <c>/problems/{slug}</c>, so a slug is never reworded once released.
/// </summary>
public static class LedgerErrors
{
    /// <summary>403: outside the caller's role or community.</summary>
    public static LedgerError Forbidden(string detail) =>
        new("forbidden", ErrorKind.Forbidden, "Not allowed", detail);

    /// <summary>409: a community with this id is already registered.</summary>
    public static LedgerError CommunityExists(string communityId) =>
        new("community-exists", ErrorKind.Conflict, "Community already exists",
            $"Community '{communityId}' is already registered.", Ext(("communityId", communityId)));

    /// <summary>404: no such community.</summary>
    public static LedgerError CommunityNotFound(string communityId) =>
        new("community-not-found", ErrorKind.NotFound, "Community not found",
            $"There is no community '{communityId}'.", Ext(("communityId", communityId)));

    /// <summary>404: the community has no points item with this id.</summary>
    public static LedgerError PointsItemNotFound(string communityId, string ruleId) =>
        new("points-item-not-found", ErrorKind.NotFound, "Points item not found",
            $"Community '{communityId}' has no points item '{ruleId}'.", Ext(("ruleId", ruleId)));

    /// <summary>409: the passbook is already in use somewhere in the ledger.</summary>
    public static LedgerError HouseholdExists(string passbook) =>
        new("household-exists", ErrorKind.Conflict, "Household already exists",
            $"Passbook '{passbook}' is already in use.", Ext(("passbook", passbook)));

    /// <summary>404: no such household, or one the caller may not know about.</summary>
    public static LedgerError HouseholdNotFound(string passbook) =>
        new("household-not-found", ErrorKind.NotFound, "Household not found",
            $"There is no household with passbook '{passbook}'.", Ext(("passbook", passbook)));

    /// <summary>422: the named member is not one of the household's members.</summary>
    public static LedgerError MemberNotFound(string passbook, string member) =>
        new("member-not-found", ErrorKind.Unprocessable, "Member not in household",
            $"'{member}' is not a member of household '{passbook}'.", Ext(("passbook", passbook), ("member", member)));

    /// <summary>409: an activity with this id is already scheduled in the community.</summary>
    public static LedgerError ActivityExists(string communityId, string activityId) =>
        new("activity-exists", ErrorKind.Conflict, "Activity already exists",
            $"Community '{communityId}' already has activity '{activityId}'.", Ext(("activityId", activityId)));

    /// <summary>404: no such activity in the community.</summary>
    public static LedgerError ActivityNotFound(string communityId, string activityId) =>
        new("activity-not-found", ErrorKind.NotFound, "Activity not found",
            $"Community '{communityId}' has no activity '{activityId}'.", Ext(("activityId", activityId)));

    /// <summary>409: the award would take the household past the item's monthly cap.</summary>
    public static LedgerError MonthlyCapReached(string ruleId, long cap, long earnedThisMonth, long points) =>
        new("monthly-cap-reached", ErrorKind.Conflict, "Monthly cap reached",
            $"Points item '{ruleId}' allows {cap} points a month; this household has {earnedThisMonth} and the award is {points}.",
            Ext(("ruleId", ruleId), ("monthlyCap", cap), ("earnedThisMonth", earnedThisMonth), ("points", points)));

    /// <summary>409: the deduction would take the balance below zero and the community refuses that.</summary>
    public static LedgerError InsufficientPoints(long balance, long needed) =>
        new("insufficient-points", ErrorKind.Conflict, "Insufficient points",
            $"The balance is {balance} points; {needed} are needed.", Ext(("balance", balance), ("needed", needed)));

    /// <summary>404: the household has no event with this id.</summary>
    public static LedgerError EntryNotFound(string passbook, Guid eventId) =>
        new("entry-not-found", ErrorKind.NotFound, "Entry not found",
            $"Household '{passbook}' has no entry '{eventId}'.", Ext(("eventId", eventId)));

    /// <summary>409: the entry has already been corrected.</summary>
    public static LedgerError AlreadyCorrected(Guid eventId, Guid? correctionId) =>
        new("already-corrected", ErrorKind.Conflict, "Entry already corrected",
            $"Entry '{eventId}' has already been corrected.", Ext(("eventId", eventId), ("correctionEventId", correctionId)));

    /// <summary>422: the event is not an award or a deduction, so there is nothing to reverse.</summary>
    public static LedgerError NotCorrectable(Guid eventId, string type) =>
        new("not-correctable", ErrorKind.Unprocessable, "Entry cannot be corrected",
            $"Event '{eventId}' is a {type}; only awards, deductions and activity awards can be corrected.",
            Ext(("eventId", eventId), ("eventType", type)));

    /// <summary>422: the idempotency key was already used for a different request.</summary>
    public static LedgerError IdempotencyKeyReused() =>
        new("idempotency-key-reused", ErrorKind.Unprocessable, "Idempotency key reused",
            "This Idempotency-Key was already used for a different request.");

    /// <summary>409: others kept changing the same streams; every retry lost the race.</summary>
    public static LedgerError ConcurrencyConflict(int attempts) =>
        new("concurrency-conflict", ErrorKind.Conflict, "Changed concurrently",
            $"The records changed under {attempts} attempts in a row; try again.");

    private static IReadOnlyDictionary<string, object?> Ext(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
