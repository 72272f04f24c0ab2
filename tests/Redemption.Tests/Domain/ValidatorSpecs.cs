using FluentValidation;
using Redemption.Catalog;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Catalog.ReceiveStock;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Redemptions.Redeem;
using Redemption.ShiftClose;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

/// <summary>The input rules, field by field (the API turns failures into 400 <c>validation-failed</c>).</summary>
public sealed class ValidatorSpecs
{
    private static IReadOnlyList<string> Fields<T>(AbstractValidator<T> validator, T input) =>
        [.. validator.Validate(input).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal)];

    private static RedeemCommand Basket(params RedeemLine[] lines) => new(CommunityId, Passbook, null, lines);

    [Fact]
    public void A_valid_basket_passes() => Assert.Empty(Fields(new RedeemValidator(), Basket(new(Rice, 1), new(CarWash, 1000))));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_quantity_outside_1_to_1000_is_refused(int quantity) =>
        Assert.Equal(["Lines[0].Quantity"], Fields(new RedeemValidator(), Basket(new RedeemLine(Rice, quantity))));

    [Fact]
    public void Lines_of_one_sku_together_may_hold_at_most_1000_units() =>
        Assert.Equal(["Lines"], Fields(new RedeemValidator(), Basket(new(Rice, 600), new(Rice, 401))));

    [Fact]
    public void A_basket_needs_1_to_50_lines()
    {
        Assert.Equal(["Lines"], Fields(new RedeemValidator(), Basket()));
        Assert.Equal(["Lines"], Fields(new RedeemValidator(), new RedeemCommand(CommunityId, Passbook, null, null)));
        Assert.Equal(["Lines"], Fields(new RedeemValidator(), Basket([.. Enumerable.Range(0, 51).Select(i => new RedeemLine($"sku{i}", 1))])));
    }

    [Fact]
    public void Ids_and_names_follow_the_contract() =>
        Assert.Equal(["Lines[0].Sku", "Member", "Passbook"], Fields(new RedeemValidator(),
            new RedeemCommand(CommunityId, "JH 0001", "", [new RedeemLine("米/5kg", 1)])));

    [Fact]
    public void A_listing_needs_a_kind_and_a_price_of_1_to_1000000()
    {
        Assert.Equal(["Kind", "Points"], Fields(new ListCatalogItemValidator(), new ListCatalogItemCommand(CommunityId, Rice, "大米", null, 0)));
        Assert.Equal(["Points"], Fields(new ListCatalogItemValidator(),
            new ListCatalogItemCommand(CommunityId, Rice, "大米", CatalogItemKind.Goods, 1_000_001)));
    }

    [Fact]
    public void Stock_is_for_goods_and_capacity_for_services()
    {
        Assert.Equal(["Stock"], Fields(new ListCatalogItemValidator(),
            new ListCatalogItemCommand(CommunityId, CarWash, "洗车", CatalogItemKind.Service, 20, Stock: 5)));
        Assert.Equal(["Capacity"], Fields(new ListCatalogItemValidator(),
            new ListCatalogItemCommand(CommunityId, Rice, "大米", CatalogItemKind.Goods, 20, Capacity: 5)));
        Assert.Equal(["Capacity", "Stock"], Fields(new ListCatalogItemValidator(),
            new ListCatalogItemCommand(CommunityId, Rice, "大米", CatalogItemKind.Goods, 20, Stock: -1, Capacity: 0)));
    }

    [Fact]
    public void A_stock_receipt_is_1_to_1000000_units() =>
        Assert.Equal(["Quantity"], Fields(new ReceiveStockValidator(), new ReceiveStockCommand(CommunityId, Rice, 0)));

    [Fact]
    public void A_cancellation_needs_a_reason() =>
        Assert.Equal(["Reason"], Fields(new CancelRedemptionValidator(), new CancelRedemptionCommand(Rid, " ")));

    [Fact]
    public void A_shift_close_clerk_is_a_printable_principal_id() =>
        Assert.Equal(["Clerk"], Fields(new GetShiftCloseValidator(), new GetShiftCloseQuery(CommunityId, null, "key:\n1")));
}
