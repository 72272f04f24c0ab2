using Ledger.Common;
using Redemption.Catalog;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Catalog.ReceiveStock;
using Redemption.Catalog.WithdrawCatalogItem;
using Redemption.Tests.Domain.Support;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

public sealed class CatalogSpecs
{
    private static DeciderSpec<CatalogItemState> Item(params object[] given) =>
        new DeciderSpec<CatalogItemState>(CatalogItemState.Initial, CatalogDecider.Evolve).Given(given);

    private static ListCatalogItemCommand ListRice(long points = 30, string name = "东北大米 5kg", long? stock = null) =>
        new(CommunityId, Rice, name, CatalogItemKind.Goods, points, stock);

    [Fact]
    public void A_first_listing_is_version_1() =>
        Item().When(s => CatalogDecider.Decide(ListRice(), s, communityExists: true)).Then(RiceListed());

    [Fact]
    public void Stock_sent_with_a_listing_is_received_as_well() =>
        Item().When(s => CatalogDecider.Decide(ListRice(stock: 40), s, communityExists: true)).Then(RiceListed(), Stock(Rice, 40));

    [Fact]
    public void A_new_price_is_the_next_version() =>
        Item(RiceListed()).When(s => CatalogDecider.Decide(ListRice(points: 35), s, true)).Then(RiceListed(version: 2, points: 35));

    [Fact]
    public void A_new_name_is_the_next_version() =>
        Item(RiceListed()).When(s => CatalogDecider.Decide(ListRice(name: "五常大米 5kg"), s, true))
            .Then(RiceListed(version: 2, name: "五常大米 5kg"));

    [Fact]
    public void Sending_the_current_definition_again_changes_nothing() =>
        Item(RiceListed(), Stock(Rice, 5)).When(s => CatalogDecider.Decide(ListRice(), s, true)).ThenNothing();

    [Fact]
    public void The_current_definition_with_stock_only_receives_the_stock() =>
        Item(RiceListed()).When(s => CatalogDecider.Decide(ListRice(stock: 3), s, true)).Then(Stock(Rice, 3));

    [Fact]
    public void An_items_kind_is_fixed_once_listed()
    {
        var error = Item(RiceListed())
            .When(s => CatalogDecider.Decide(new ListCatalogItemCommand(CommunityId, Rice, "大米", CatalogItemKind.Service, 30), s, true))
            .ThenFails("item-kind-fixed", ErrorKind.Conflict);
        Assert.Equal("goods", error.Extensions!["kind"]);
    }

    [Fact]
    public void Listing_in_a_community_that_is_not_registered_is_refused() =>
        Item().When(s => CatalogDecider.Decide(ListRice(), s, communityExists: false)).ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void Listing_a_withdrawn_item_again_puts_it_back_on_sale_as_a_new_version()
    {
        var spec = Item(RiceListed(), new CatalogItemWithdrawn(CommunityId, Rice, 1, "停售"));
        spec.When(s => CatalogDecider.Decide(ListRice(), s, true)).Then(RiceListed(version: 2));
        Assert.False(Item(RiceListed(), new CatalogItemWithdrawn(CommunityId, Rice, 1, "停售"), RiceListed(version: 2)).State.Withdrawn);
    }

    [Fact]
    public void A_services_capacity_is_revised_as_a_new_version() =>
        Item(CarWashListed(capacity: 10))
            .When(s => CatalogDecider.Decide(new ListCatalogItemCommand(CommunityId, CarWash, "洗车", CatalogItemKind.Service, 20, null, 15), s, true))
            .Then(CarWashListed(capacity: 15) with { Version = 2 });

    [Fact]
    public void Stock_received_for_goods_is_recorded_with_its_note() =>
        Item(RiceListed()).When(s => CatalogDecider.Decide(new ReceiveStockCommand(CommunityId, Rice, 12, "粮油店捐赠"), s))
            .Then(Stock(Rice, 12, "粮油店捐赠"));

    [Fact]
    public void Stock_for_an_unknown_sku_is_not_found()
    {
        var error = Item().When(s => CatalogDecider.Decide(new ReceiveStockCommand(CommunityId, Rice, 1), s))
            .ThenFails("catalog-item-not-found", ErrorKind.NotFound);
        Assert.Equal(Rice, error.Extensions!["sku"]);
    }

    [Fact]
    public void A_service_receives_no_stock() =>
        Item(CarWashListed()).When(s => CatalogDecider.Decide(new ReceiveStockCommand(CommunityId, CarWash, 1), s))
            .ThenFails("item-not-goods", ErrorKind.Conflict);

    [Fact]
    public void A_withdrawn_item_still_receives_what_arrives() =>
        Item(RiceListed(), new CatalogItemWithdrawn(CommunityId, Rice, 1, "停售"))
            .When(s => CatalogDecider.Decide(new ReceiveStockCommand(CommunityId, Rice, 2), s)).Then(Stock(Rice, 2));

    [Fact]
    public void Withdrawing_records_the_version_taken_off_sale_and_why() =>
        Item(RiceListed(), RiceListed(version: 2, points: 35))
            .When(s => CatalogDecider.Decide(new WithdrawCatalogItemCommand(CommunityId, Rice, "供应商停产"), s))
            .Then(new CatalogItemWithdrawn(CommunityId, Rice, 2, "供应商停产"));

    [Fact]
    public void Withdrawing_twice_is_refused() =>
        Item(RiceListed(), new CatalogItemWithdrawn(CommunityId, Rice, 1, "停售"))
            .When(s => CatalogDecider.Decide(new WithdrawCatalogItemCommand(CommunityId, Rice, "again"), s))
            .ThenFails("item-withdrawn", ErrorKind.Conflict);

    [Fact]
    public void Withdrawing_an_unknown_sku_is_not_found() =>
        Item().When(s => CatalogDecider.Decide(new WithdrawCatalogItemCommand(CommunityId, Rice, "x"), s))
            .ThenFails("catalog-item-not-found", ErrorKind.NotFound);

    [Fact]
    public void Stock_on_hand_is_received_minus_redeemed_plus_returned()
    {
        var state = Item(RiceListed(), Stock(Rice, 10), Stock(Rice, 5),
            new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 7),
            new CatalogItemReturned(CommunityId, Rice, Rid, CatalogItemKind.Goods, 2)).State;

        Assert.Equal((15L, 7L, 2L, 10L, 10L), (state.Received, state.Redeemed, state.Returned, state.OnHand!.Value, state.Available!.Value));
        Assert.Null(state.RemainingCapacity);
    }

    [Fact]
    public void Remaining_capacity_is_capacity_minus_units_taken_and_never_below_zero()
    {
        var taken = new CatalogItemRedeemed(CommunityId, CarWash, Rid, 1, CatalogItemKind.Service, 8);
        Assert.Equal(2L, Item(CarWashListed(capacity: 10), taken).State.RemainingCapacity);
        Assert.Equal(0L, Item(CarWashListed(capacity: 10), taken, CarWashListed(capacity: 5) with { Version = 2 }).State.RemainingCapacity);
        Assert.Null(Item(HousekeepingListed()).State.Available);
        Assert.Null(Item(CarWashListed()).State.OnHand);
    }
}
