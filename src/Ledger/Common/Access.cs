namespace Ledger.Common;

/// <summary>The authorization checks handlers share. Each returns null when allowed, otherwise the error to answer.</summary>
public static class Access
{
    /// <summary>A change to a community's records: the caller must act for it in one of <paramref name="roles"/>.</summary>
    public static LedgerError? Act(Principal principal, string communityId, params Role[] roles) =>
        principal.CanAct(communityId, roles)
            ? null
            : LedgerErrors.Forbidden($"This key may not do this for community '{communityId}'.");

    /// <summary>Reading a community's records.</summary>
    public static LedgerError? Read(Principal principal, string communityId) =>
        principal.CanRead(communityId)
            ? null
            : LedgerErrors.Forbidden($"This key may not read community '{communityId}'.");

    /// <summary>
    /// A request addressed by passbook: a household of a community the caller cannot see is answered exactly like a
    /// passbook that does not exist, so a key of one community cannot probe another's passbooks.
    /// With <paramref name="roles"/> the caller must also act for the community in one of them (403 otherwise).
    /// </summary>
    public static LedgerError? Household(Principal principal, string passbook, string communityId, params Role[] roles) =>
        !principal.CanRead(communityId) ? LedgerErrors.HouseholdNotFound(passbook)
        : roles.Length == 0 ? null
        : Act(principal, communityId, roles);
}
