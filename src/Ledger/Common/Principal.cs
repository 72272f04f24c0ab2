namespace Ledger.Common;

/// <summary>The roles of the API contract.</summary>
public enum Role
{
    /// <summary>Registers communities and issues keys.</summary>
    Admin,

    /// <summary>A community's committee: rules, households, awards, activities, corrections, catalogue, honour rolls.</summary>
    Committee,

    /// <summary>A community's supermarket clerk: redemptions and stock receipts.</summary>
    Clerk,

    /// <summary>Reads everything, changes nothing.</summary>
    Auditor,

    /// <summary>
    /// One partner (社区合伙人) of one community: serves the vouchers of the services it provides and reads its
    /// settlement. Reads the community's own settings (rules, catalogue) like its other keys, never its households.
    /// </summary>
    Partner,
}

/// <summary>Who is calling: the holder of one API key.</summary>
/// <param name="Id">Stable id recorded in every event's metadata (e.g. <c>key:1a2b3c4d</c>, <c>admin</c>, <c>system</c>).</param>
/// <param name="Role">The key's role.</param>
/// <param name="CommunityId">The one community a committee or clerk key is scoped to; null for admin and auditor.</param>
/// <param name="Label">Human label given when the key was issued (e.g. "张三 counter 1").</param>
/// <param name="PartnerId">The one partner of <paramref name="CommunityId"/> a partner key acts for; null for other roles.</param>
public sealed record Principal(string Id, Role Role, string? CommunityId, string Label, string? PartnerId = null)
{
    /// <summary>The principal of work the ledger does by itself (start-up, migrations).</summary>
    public static Principal System { get; } = new("system", Role.Admin, null, "system");

    /// <summary>True when this principal may see data of <paramref name="communityId"/>.</summary>
    public bool CanRead(string communityId) =>
        Role is Role.Admin or Role.Auditor || string.Equals(CommunityId, communityId, StringComparison.Ordinal);

    /// <summary>True when this principal is the key of partner <paramref name="partnerId"/> of <paramref name="communityId"/>.</summary>
    public bool IsPartner(string communityId, string? partnerId) =>
        Role == Role.Partner && partnerId is not null && string.Equals(CommunityId, communityId, StringComparison.Ordinal)
        && string.Equals(PartnerId, partnerId, StringComparison.Ordinal);

    /// <summary>True when this principal acts for <paramref name="communityId"/> in one of <paramref name="roles"/>.</summary>
    public bool CanAct(string communityId, params Role[] roles) =>
        roles.Contains(Role) && (Role == Role.Admin || string.Equals(CommunityId, communityId, StringComparison.Ordinal));
}
