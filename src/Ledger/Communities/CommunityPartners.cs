using Ledger.Common;

namespace Ledger.Communities;

/// <summary>A partner (社区合伙人) of a community, as folded from <c>PartnerRegistered</c>.</summary>
/// <param name="PartnerId">Its id, unique within the community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="RegisteredAt">When it was registered (UTC).</param>
public sealed record Partner(string PartnerId, string Name, PartnerKind Kind, DateTimeOffset RegisteredAt);

/// <summary>
/// The partner errors: one slug each, shared by every rule that names a partner (partner keys, service providers,
/// sponsorships). Check that a partner is registered with <see cref="CommunityState.Partner"/>.
/// </summary>
public static class CommunityPartners
{
    /// <summary>409: the community already has a partner with this id.</summary>
    public static LedgerError Exists(string communityId, string partnerId) =>
        new("partner-exists", ErrorKind.Conflict, "Partner already exists",
            $"Community '{communityId}' already has partner '{partnerId}'.",
            new Dictionary<string, object?> { ["communityId"] = communityId, ["partnerId"] = partnerId });

    /// <summary>404: the community has no partner with this id.</summary>
    public static LedgerError NotFound(string communityId, string partnerId) =>
        new("partner-not-found", ErrorKind.NotFound, "Partner not found",
            $"Community '{communityId}' has no partner '{partnerId}'.",
            new Dictionary<string, object?> { ["communityId"] = communityId, ["partnerId"] = partnerId });
}

/// <summary>A partner as the API shows it.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Id">The partner's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind"><c>enterprise</c>, <c>social-organisation</c>, <c>partner-unit</c> or <c>merchant</c>.</param>
/// <param name="RegisteredAt">When it was registered (UTC).</param>
public sealed record PartnerResponse(string CommunityId, string Id, string Name, PartnerKind Kind, DateTimeOffset RegisteredAt)
{
    /// <summary>The response for <paramref name="partner"/>.</summary>
    public static PartnerResponse From(string communityId, Partner partner) =>
        new(communityId, partner.PartnerId, partner.Name, partner.Kind, partner.RegisteredAt);
}

/// <summary>A community's partners, by id.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Partners">Its partners.</param>
public sealed record PartnersResponse(string CommunityId, IReadOnlyList<PartnerResponse> Partners);
