using System.Text.Json.Serialization;

namespace Redemption.Catalog;

/// <summary>A catalogue item as the API shows it: its current version, price and what is left.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sku">The item's id.</param>
/// <param name="Name">Its current name.</param>
/// <param name="Kind"><c>goods</c> or <c>service</c>.</param>
/// <param name="Points">Current price of one unit.</param>
/// <param name="Version">Current version (a revision adds one).</param>
/// <param name="Stock">What may be redeemed now: goods on hand, or a service's open places; null is unlimited (always written).</param>
/// <param name="Capacity">Services: total units that may be taken; null is unlimited (always written, null for goods).</param>
/// <param name="Withdrawn">True when the item is off sale.</param>
/// <param name="Received">Units received into stock (goods).</param>
/// <param name="Redeemed">Units redeemed.</param>
/// <param name="Returned">Units returned by cancelled redemptions.</param>
/// <param name="ProviderId">A service's provider (a registered partner) at the current version; absent when the community serves it.</param>
/// <param name="SettlementFen">With a provider: fen the community pays it per unit served.</param>
public sealed record CatalogItemResponse(
    string CommunityId, string Sku, string Name, CatalogItemKind Kind, long Points, int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Stock,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Capacity,
    bool Withdrawn, long Received, long Redeemed, long Returned, string? ProviderId = null, long? SettlementFen = null)
{
    /// <summary>Builds the response from a folded item.</summary>
    public static CatalogItemResponse From(CatalogItemState s) =>
        new(s.CommunityId, s.Sku, s.Name, s.Kind, s.Points, s.ItemVersion, s.Available, s.Capacity,
            s.Withdrawn, s.Received, s.Redeemed, s.Returned, s.Provision?.ProviderId, s.Provision?.SettlementFen);
}

/// <summary>A community's catalogue.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Items">Every item ever listed (withdrawn ones flagged), by sku.</param>
public sealed record CatalogResponse(string CommunityId, IReadOnlyList<CatalogItemResponse> Items);
