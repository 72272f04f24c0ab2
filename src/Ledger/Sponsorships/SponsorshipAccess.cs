using Ledger.Common;

namespace Ledger.Sponsorships;

/// <summary>
/// Who may read sponsorships: the community's committee, auditors, and a partner key its own partner's only (the
/// sponsor sees where its points went, not what the other sponsors gave).
/// </summary>
public static class SponsorshipAccess
{
    /// <summary>
    /// Null when <paramref name="principal"/> may read sponsorships of <paramref name="communityId"/>: with
    /// <paramref name="sponsorId"/> (the partner who gave one sponsorship) a partner key only its own; without it (the
    /// list) any partner key of the community, whose list <see cref="Shows"/> then narrows to its own.
    /// </summary>
    public static LedgerError? Read(Principal principal, string communityId, string? sponsorId = null) =>
        principal.Role switch
        {
            Role.Auditor => null,
            Role.Partner => principal.IsPartner(communityId, sponsorId ?? principal.PartnerId)
                ? null
                : LedgerErrors.Forbidden($"This key reads the sponsorships of its own partner only, not of '{sponsorId}'."),
            _ => Access.Act(principal, communityId, Role.Committee),
        };

    /// <summary>True when a sponsorship given by <paramref name="sponsorId"/> is on the list <paramref name="principal"/> reads.</summary>
    public static bool Shows(Principal principal, string sponsorId) =>
        principal.Role != Role.Partner || string.Equals(principal.PartnerId, sponsorId, StringComparison.Ordinal);
}
