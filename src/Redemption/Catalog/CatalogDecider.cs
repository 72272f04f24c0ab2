using Ledger.Common;
using Ledger.Sponsorships;
using Ledger.Communities;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Catalog.ReceiveStock;
using Redemption.Catalog.WithdrawCatalogItem;
using Redemption.Common;

namespace Redemption.Catalog;

/// <summary>The pure rules of <c>catalog-{cid}/{sku}</c>. An empty list of events means "already so: nothing to do".</summary>
public static class CatalogDecider
{
    /// <summary>
    /// Lists an item, or revises it as its next version. Stock sent with a listing is received as well. Sending the
    /// current definition of an item on sale, without stock, changes nothing. The kind is fixed at the first listing,
    /// because stock and capacity are not interchangeable.
    /// </summary>
    public static Result<IReadOnlyList<ICatalogItemEvent>> Decide(ListCatalogItemCommand command, CatalogItemState item, bool communityExists) =>
        Decide(command, item, communityExists, _ => false);

    /// <summary>
    /// As above, in a <paramref name="community"/> whose partners a service's provider must be one of
    /// (<c>partner-not-found</c> otherwise).
    /// </summary>
    public static Result<IReadOnlyList<ICatalogItemEvent>> Decide(ListCatalogItemCommand command, CatalogItemState item, CommunityState community) =>
        Decide(command, item, community.Exists, partnerId => community.Partner(partnerId) is not null);

    private static Result<IReadOnlyList<ICatalogItemEvent>> Decide(
        ListCatalogItemCommand command, CatalogItemState item, bool communityExists, Func<string, bool> isPartner)
    {
        if (!communityExists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var kind = command.Kind ?? throw new ArgumentException("The validator requires a kind.", nameof(command));
        if (item.Exists && item.Kind != kind)
        {
            return RedemptionErrors.KindFixed(command.Sku, Slug(item.Kind));
        }

        if (command.ProviderId is { } providerId && !isPartner(providerId))
        {
            return CommunityPartners.NotFound(command.CommunityId, providerId);
        }

        var provision = command.ProviderId is { } provider ? new ServiceProvision(provider, command.SettlementFen ?? 0) : null;

        var events = new List<ICatalogItemEvent>();
        var unchanged = item.Exists && !item.Withdrawn && item.Name == command.Name && item.Points == command.Points &&
            item.Capacity == command.Capacity && item.Provision == provision;
        if (!unchanged)
        {
            events.Add(new CatalogItemListed(
                command.CommunityId, command.Sku, item.ItemVersion + 1, command.Name, kind, command.Points, command.Capacity,
                provision?.ProviderId, provision?.SettlementFen));
        }

        if (command.Stock is > 0 and var stock)
        {
            events.Add(new StockReceived(command.CommunityId, command.Sku, stock, null));
        }

        return Result.Ok<IReadOnlyList<ICatalogItemEvent>>(events);
    }

    /// <summary>Receives goods into stock; a withdrawn item may still receive what physically arrives.</summary>
    public static Result<IReadOnlyList<ICatalogItemEvent>> Decide(ReceiveStockCommand command, CatalogItemState item) =>
        !item.Exists ? RedemptionErrors.ItemNotFound(command.CommunityId, command.Sku)
        : item.Kind != CatalogItemKind.Goods ? RedemptionErrors.NotGoods(command.Sku)
        : Events(new StockReceived(command.CommunityId, command.Sku, command.Quantity, command.Note));

    /// <summary>
    /// Receives donated goods into stock, credited to the donor: the same rule as any receipt (listed goods, withdrawn
    /// or not), the receipt naming the sponsorship and its partner.
    /// </summary>
    public static Result<IReadOnlyList<ICatalogItemEvent>> Donate(SponsorshipRecorded donation, CatalogItemState item) =>
        !item.Exists ? RedemptionErrors.ItemNotFound(donation.CommunityId, donation.Sku ?? "")
        : item.Kind != CatalogItemKind.Goods ? RedemptionErrors.NotGoods(donation.Sku ?? "")
        : Events(new StockReceived(
            donation.CommunityId, donation.Sku ?? "", donation.Quantity ?? 0, donation.Note, donation.SponsorshipId, donation.PartnerId));

    /// <summary>Takes an item off sale, once.</summary>
    public static Result<IReadOnlyList<ICatalogItemEvent>> Decide(WithdrawCatalogItemCommand command, CatalogItemState item) =>
        !item.Exists ? RedemptionErrors.ItemNotFound(command.CommunityId, command.Sku)
        : item.Withdrawn ? RedemptionErrors.ItemWithdrawn(command.Sku)
        : Events(new CatalogItemWithdrawn(command.CommunityId, command.Sku, item.ItemVersion, command.Reason));

    /// <summary>The fold (see <see cref="CatalogItemState.Evolve"/>).</summary>
    public static CatalogItemState Evolve(CatalogItemState state, EventEnvelope e) => CatalogItemState.Evolve(state, e);

    /// <summary>The kind as the API spells it.</summary>
    public static string Slug(CatalogItemKind kind) => kind == CatalogItemKind.Goods ? "goods" : "service";

    private static Result<IReadOnlyList<ICatalogItemEvent>> Events(params ICatalogItemEvent[] events) => Result.Ok<IReadOnlyList<ICatalogItemEvent>>(events);
}
