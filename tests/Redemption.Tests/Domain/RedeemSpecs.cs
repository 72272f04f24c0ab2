using Ledger.Common;
using Ledger.Households;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.Redeem;
using Redemption.Tests.Domain.Support;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

public sealed class RedeemSpecs
{
    private static readonly DateOnly March15 = new(2025, 3, 15);

    private static RedemptionSpec Shop(long balance = 500) =>
        RedemptionSpec.WithBalance(balance)
            .GivenItem(Rice, RiceListed(), Stock(Rice, 10))
            .GivenItem(Oil, OilListed(), Stock(Oil, 3))
            .GivenItem(CarWash, CarWashListed(capacity: 10))
            .GivenItem(Housekeeping, HousekeepingListed());

    [Fact]
    public void Goods_are_paid_on_the_household_stream_and_leave_the_items_stream_with_one_receipt() =>
        Shop().WhenRedeem(Redeem((Rice, 2)))
            .Then(
                Recorded(RiceLine(2)),
                new PointsRedeemed(CommunityId, Rid, 60, Head, "东北大米 5kg ×2"),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 2));

    [Fact]
    public void A_line_pins_the_name_and_price_of_the_items_current_version() =>
        Shop().GivenItem(Rice, RiceListed(version: 2, points: 35, name: "五常大米 5kg"))
            .WhenRedeem(Redeem((Rice, 1)))
            .Then(
                Recorded(RiceLine(1, unit: 35, version: 2, name: "五常大米 5kg")),
                new PointsRedeemed(CommunityId, Rid, 35, Head, "五常大米 5kg ×1"),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 2, CatalogItemKind.Goods, 1));

    [Fact]
    public void A_service_issues_one_voucher_per_unit_numbered_across_the_receipt_and_items_are_appended_by_sku()
    {
        var carWash = new RedemptionLine(CarWash, "洗车", CatalogItemKind.Service, 1, 20, 2, 40, [$"{Rid}-1", $"{Rid}-2"]);
        var rice = RiceLine(1);
        var housekeeping = new RedemptionLine(Housekeeping, "家政服务 2小时", CatalogItemKind.Service, 1, 80, 1, 80, [$"{Rid}-3"]);
        Shop().WhenRedeem(Redeem((CarWash, 2), (Rice, 1), (Housekeeping, 1)))
            .Then(
                Recorded(carWash, rice, housekeeping),
                new PointsRedeemed(CommunityId, Rid, 150, Head, "洗车 ×2、东北大米 5kg ×1、家政服务 2小时 ×1"),
                new CatalogItemRedeemed(CommunityId, CarWash, Rid, 1, CatalogItemKind.Service, 2),
                new CatalogItemRedeemed(CommunityId, Housekeeping, Rid, 1, CatalogItemKind.Service, 1),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 1));
    }

    [Fact]
    public void Lines_naming_the_same_sku_are_merged_into_one() =>
        Shop().WhenRedeem(Redeem((Rice, 1), (Oil, 1), (Rice, 2)))
            .Then(
                Recorded(RiceLine(3), new RedemptionLine(Oil, "花生油 5L", CatalogItemKind.Goods, 1, 50, 1, 50, [])),
                new PointsRedeemed(CommunityId, Rid, 140, Head, "东北大米 5kg ×3、花生油 5L ×1"),
                new CatalogItemRedeemed(CommunityId, Oil, Rid, 1, CatalogItemKind.Goods, 1),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 3));

    [Fact]
    public void The_member_who_redeems_is_recorded() =>
        Shop().WhenRedeem(Redeem((Rice, 1)) with { Member = Spouse })
            .Then(
                Recorded(RiceLine(1)) with { Member = Spouse },
                new PointsRedeemed(CommunityId, Rid, 30, Spouse, "东北大米 5kg ×1"),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 1));

    [Fact]
    public void A_member_the_household_does_not_list_is_refused() =>
        Shop().WhenRedeem(Redeem((Rice, 1)) with { Member = "王五" }).ThenFails("member-not-found", ErrorKind.Unprocessable);

    [Fact]
    public void Given_too_few_points_When_redeeming_Then_insufficient_points_names_balance_and_needed()
    {
        var error = Shop(balance: 59).WhenRedeem(Redeem((Rice, 2))).ThenFails("insufficient-points", ErrorKind.Conflict);
        Assert.Equal((59L, 60L), ((long)error.Extensions!["balance"]!, (long)error.Extensions["needed"]!));
    }

    [Fact]
    public void A_redemption_may_spend_the_balance_to_exactly_zero() =>
        Shop(balance: 60).WhenRedeem(Redeem((Rice, 2)))
            .Then(Recorded(RiceLine(2)), new PointsRedeemed(CommunityId, Rid, 60, Head, "东北大米 5kg ×2"),
                new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 2));

    [Fact]
    public void A_negative_balance_refuses_every_redemption()
    {
        // Spent 40 of a 50-point award that was then corrected: the ledger tells the truth and the balance is -40.
        var error = Shop(balance: 50)
            .GivenHousehold(new PointsRedeemed(CommunityId, "earlier", 40, Head, "花生油"),
                new EntryCorrected(CommunityId, Guid.NewGuid(), EntryKind.Award, Head, -50, "误记", "clean-up", null))
            .WhenRedeem(Redeem((Rice, 1)))
            .ThenFails("insufficient-points", ErrorKind.Conflict);
        Assert.Equal(-40L, error.Extensions!["balance"]);
    }

    [Fact]
    public void Given_one_unit_on_hand_When_two_are_asked_for_Then_out_of_stock_names_the_sku_and_what_is_available()
    {
        var error = Shop().GivenItem(Oil, new CatalogItemRedeemed(CommunityId, Oil, "earlier", 1, CatalogItemKind.Goods, 2))
            .WhenRedeem(Redeem((Rice, 1), (Oil, 2))).ThenFails("out-of-stock", ErrorKind.Conflict);
        Assert.Equal((Oil, 1L, 2L), ((string)error.Extensions!["sku"]!, (long)error.Extensions["available"]!, (long)error.Extensions["requested"]!));
    }

    [Fact]
    public void The_last_unit_can_be_sold() =>
        Shop().WhenRedeem(Redeem((Oil, 3)))
            .Then(Recorded(new RedemptionLine(Oil, "花生油 5L", CatalogItemKind.Goods, 1, 50, 3, 150, [])),
                new PointsRedeemed(CommunityId, Rid, 150, Head, "花生油 5L ×3"),
                new CatalogItemRedeemed(CommunityId, Oil, Rid, 1, CatalogItemKind.Goods, 3));

    [Fact]
    public void Returned_goods_can_be_sold_again() =>
        Shop().GivenItem(Oil, new CatalogItemRedeemed(CommunityId, Oil, "a", 1, CatalogItemKind.Goods, 3),
                new CatalogItemReturned(CommunityId, Oil, "a", CatalogItemKind.Goods, 1))
            .WhenRedeem(Redeem((Oil, 1)))
            .Then(Recorded(new RedemptionLine(Oil, "花生油 5L", CatalogItemKind.Goods, 1, 50, 1, 50, [])),
                new PointsRedeemed(CommunityId, Rid, 50, Head, "花生油 5L ×1"),
                new CatalogItemRedeemed(CommunityId, Oil, Rid, 1, CatalogItemKind.Goods, 1));

    [Fact]
    public void A_service_with_no_capacity_left_is_out_of_stock() =>
        Shop().GivenItem(CarWash, new CatalogItemRedeemed(CommunityId, CarWash, "a", 1, CatalogItemKind.Service, 9))
            .WhenRedeem(Redeem((CarWash, 2))).ThenFails("out-of-stock", ErrorKind.Conflict);

    [Fact]
    public void A_service_without_a_capacity_is_never_out_of_stock() =>
        Shop(balance: 80_000).WhenRedeem(Redeem((Housekeeping, 1000))).Then(
            Recorded(new RedemptionLine(Housekeeping, "家政服务 2小时", CatalogItemKind.Service, 1, 80, 1000, 80_000,
                [.. Enumerable.Range(1, 1000).Select(n => $"{Rid}-{n}")])),
            new PointsRedeemed(CommunityId, Rid, 80_000, Head, "家政服务 2小时 ×1000"),
            new CatalogItemRedeemed(CommunityId, Housekeeping, Rid, 1, CatalogItemKind.Service, 1000));

    [Fact]
    public void An_unknown_sku_is_not_found() =>
        Shop().WhenRedeem(Redeem((Rice, 1), ("tea-set", 1))).ThenFails("catalog-item-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_withdrawn_item_cannot_be_redeemed() =>
        Shop().GivenItem(Rice, new CatalogItemWithdrawn(CommunityId, Rice, 1, "停售"))
            .WhenRedeem(Redeem((Rice, 1))).ThenFails("item-withdrawn", ErrorKind.Conflict);

    [Fact]
    public void An_unknown_household_is_not_found() =>
        Shop().GivenOnlyHousehold().WhenRedeem(Redeem((Rice, 1))).ThenFails("household-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_household_of_another_community_is_not_found_here() =>
        Shop().GivenOnlyHousehold(Opened(communityId: OtherCommunityId), Award(500))
            .WhenRedeem(Redeem((Rice, 1))).ThenFails("household-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_community_that_is_not_registered_is_not_found() =>
        Shop().GivenCommunity(Ledger.Communities.CommunityState.Initial)
            .WhenRedeem(Redeem((Rice, 1))).ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_redemption_costing_more_than_one_entry_may_carry_is_refused() =>
        Shop(balance: 2_000_000).GivenItem("gold", new CatalogItemListed(CommunityId, "gold", 1, "金条", CatalogItemKind.Goods, 600_000, null),
                Stock("gold", 5))
            .WhenRedeem(Redeem(("gold", 2))).ThenFails("redemption-too-large", ErrorKind.Unprocessable);

    [Fact]
    public void The_day_of_a_redemption_is_the_communitys_calendar_day_not_UTCs()
    {
        // 01:30 on 15 March in Shanghai is still 14 March in UTC.
        var at = new DateTimeOffset(2025, 3, 14, 17, 30, 0, TimeSpan.Zero);
        Shop().WhenRedeem(Redeem((Rice, 1)), at).Then(
            Recorded(RiceLine(1)) with { At = at, Day = March15 },
            new PointsRedeemed(CommunityId, Rid, 30, Head, "东北大米 5kg ×1"),
            new CatalogItemRedeemed(CommunityId, Rice, Rid, 1, CatalogItemKind.Goods, 1));
    }

    [Fact]
    public void Merging_keeps_the_order_in_which_each_sku_first_appears() =>
        Assert.Equal(
            [new RedeemLine(Oil, 3), new RedeemLine(Rice, 1)],
            RedemptionDecider.Merge([new RedeemLine(Oil, 1), new RedeemLine(Rice, 1), new RedeemLine(Oil, 2)]));
}
