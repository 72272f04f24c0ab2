using Ledger.Common;

namespace Ledger.Sponsorships;

/// <summary>Who may read sponsorships: the community's committee and auditors.</summary>
public static class SponsorshipAccess
{
    /// <summary>Null when <paramref name="principal"/> may read sponsorships of <paramref name="communityId"/>.</summary>
    public static LedgerError? Read(Principal principal, string communityId) =>
        principal.Role == Role.Auditor ? null : Access.Act(principal, communityId, Role.Committee);
}
