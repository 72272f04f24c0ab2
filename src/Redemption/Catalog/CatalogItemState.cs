using System.Collections.Immutable;
using Ledger.Common;

namespace Redemption.Catalog;

/// <summary>
/// One catalogue item folded from <c>catalog-{cid}/{sku}</c>. The unit counts keep the auditor's identity
/// <c>OnHand = Received - Redeemed + Returned</c> for goods; for a service the same counts measure capacity taken.
/// </summary>
public sealed record CatalogItemState
{
    /// <summary>Before the first listing.</summary>
    public static CatalogItemState Initial { get; } = new();

    public bool Exists { get; init; }
    public string CommunityId { get; init; } = "";
    public string Sku { get; init; } = "";
    public string Name { get; init; } = "";
    public CatalogItemKind Kind { get; init; }
    public long Points { get; init; }
    public int ItemVersion { get; init; }
    public long? Capacity { get; init; }

    /// <summary>The partner providing the current version, if any, and its settlement price per unit in fen.</summary>
    public ServiceProvision? Provision { get; init; }

    /// <summary>The provision of every version that named a provider: a voucher is settled at the version it was sold at.</summary>
    public ImmutableDictionary<int, ServiceProvision> Provisions { get; init; } = ImmutableDictionary<int, ServiceProvision>.Empty;
    public bool Withdrawn { get; init; }
    public long Received { get; init; }
    public long Redeemed { get; init; }
    public long Returned { get; init; }

    /// <summary>The stream version folded so far.</summary>
    public long Version { get; init; }

    /// <summary>Goods on the shelf; null for a service.</summary>
    public long? OnHand => Kind == CatalogItemKind.Goods ? Received - Redeemed + Returned : null;

    /// <summary>Units of a service still open; null for goods and for unlimited services. Never below zero.</summary>
    public long? RemainingCapacity =>
        Kind == CatalogItemKind.Service && Capacity is { } capacity ? Math.Max(0, capacity - (Redeemed - Returned)) : null;

    /// <summary>How many units a redemption may take now; null when unlimited.</summary>
    public long? Available => Kind == CatalogItemKind.Goods ? OnHand : RemainingCapacity;

    /// <summary>The fold of <c>catalog-{cid}/{sku}</c>; events of other types are ignored.</summary>
    public static CatalogItemState Evolve(CatalogItemState state, EventEnvelope e) => (e.Data switch
    {
        CatalogItemListed l => state with
        {
            Exists = true, CommunityId = l.CommunityId, Sku = l.Sku, Name = l.Name, Kind = l.Kind, Points = l.Points,
            ItemVersion = l.Version, Capacity = l.Capacity, Withdrawn = false,
            Provision = ServiceProvision.Of(l),
            Provisions = ServiceProvision.Of(l) is { } provision ? state.Provisions.SetItem(l.Version, provision) : state.Provisions,
        },
        StockReceived r => state with { Received = state.Received + r.Quantity },
        CatalogItemWithdrawn => state with { Withdrawn = true },
        CatalogItemRedeemed r => state with { Redeemed = state.Redeemed + r.Quantity },
        CatalogItemReturned r => state with { Returned = state.Returned + r.Quantity },
        _ => state,
    }) with { Version = e.Version };
}

/// <summary>Who provides a service (a registered partner) and what the community pays it per unit served, in fen.</summary>
/// <param name="ProviderId">The partner's id in the item's community.</param>
/// <param name="SettlementFen">Fen per unit served (0 or more).</param>
public sealed record ServiceProvision(string ProviderId, long SettlementFen)
{
    /// <summary>The provision a listing names, or null when it names no provider.</summary>
    public static ServiceProvision? Of(CatalogItemListed listed) =>
        listed.ProviderId is { } provider ? new(provider, listed.SettlementFen ?? 0) : null;
}
