using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;
using Redemption.Catalog;

namespace Redemption.Common;

/// <summary>
/// The folded streams a redemption reads, kept between requests (one instance per process): the community, the
/// household and each catalogue item. A popular item's stream grows with every sale; with these, a redemption reads
/// only what was appended since the last one, and the appends' expected versions keep every decision exact. As
/// <see cref="HotStreams"/> it also holds the process's turns, so the counters of one process take turns at a popular
/// item, and takes each append of a redemption through its life cycle.
/// </summary>
public sealed class RedemptionStreamCaches : HotStreams
{
    /// <summary>Households kept: a district's counters serve tens of thousands, each state a few KB.</summary>
    public const int DefaultHouseholds = 50_000;

    /// <summary>Items and communities kept: catalogues are small.</summary>
    public const int DefaultItems = 20_000;

    /// <summary>Creates caches of the given sizes.</summary>
    public RedemptionStreamCaches(int households = DefaultHouseholds, int items = DefaultItems)
    {
        Households = new(HouseholdAccountState.Initial, HouseholdAccountState.Evolve, households);
        Items = new(CatalogItemState.Initial, CatalogItemState.Evolve, items);
        Communities = new(CommunityState.Initial, CommunityDecider.Evolve, items);
    }

    /// <summary><c>household-{passbook}</c>.</summary>
    public StreamStateCache<HouseholdAccountState> Households { get; }

    /// <summary><c>catalog-{cid}/{sku}</c>.</summary>
    public StreamStateCache<CatalogItemState> Items { get; }

    /// <summary><c>community-{cid}</c>.</summary>
    public StreamStateCache<CommunityState> Communities { get; }
}
