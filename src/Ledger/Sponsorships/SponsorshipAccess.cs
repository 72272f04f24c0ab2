using Ledger.Common;

namespace Ledger.Sponsorships;

/// <summary>Who may read sponsorships: the community's committee, auditors, and a partner its own.</summary>
public static class SponsorshipAccess
{
    /// <summary>Null when <paramref name="principal"/> may read sponsorships of <paramref name="communityId"/> at all.</summary>
    public static LedgerError? List(Principal principal, string communityId) =>
        principal.Role == Role.Auditor ? null : Access.Act(principal, communityId, Role.Committee);

    /// <summary>True when <paramref name="principal"/> may see the sponsorship of <paramref name="partnerId"/>.</summary>
    public static bool Sees(Principal principal, string partnerId) => true;
}
