using Microsoft.Extensions.Time.Testing;
using Ledger.Common;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.ShiftClose;
using Redemption.Vouchers.FulfilVoucher;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

public abstract class ShiftCloseTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly DateOnly March14 = new(2025, 3, 14);
    private static readonly DateOnly March15 = new(2025, 3, 15);
    private static readonly Principal ClerkOne = Clerk(counter: 1);
    private static readonly Principal ClerkTwo = Clerk(counter: 2) with { Label = "王芳 <2号柜台>" };

    /// <summary>
    /// Clerk one sells at 23:50 on the 14th, twice on the morning of the 15th and at 00:30 on the 16th (Shanghai time);
    /// clerk two, on the 15th, fulfils the car wash and cancels two of clerk one's sales (one of them from the 14th).
    /// </summary>
    private async Task<Shop> DayAsync()
    {
        // Opened the afternoon before: the test clock only moves on.
        var shop = await Shop.CreateAsync(factory, new DateTimeOffset(2025, 3, 14, 15, 0, 0, TimeSpan.Zero));
        await shop.SeedAsync(households: 2);
        shop.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 14, 15, 50, 0, TimeSpan.Zero));
        var lateSale = Ok(await shop.RedeemAsync(ClerkOne, PassbookOf(1), (Rice, 1)));
        shop.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 15, 1, 0, 0, TimeSpan.Zero));
        var morning = Ok(await shop.RedeemAsync(ClerkOne, PassbookOf(1), (Oil, 2), (CarWash, 1)));
        var mistaken = Ok(await shop.RedeemAsync(ClerkOne, PassbookOf(2), (Rice, 2)));
        shop.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 15, 3, 0, 0, TimeSpan.Zero));
        Ok(await shop.Send(new FulfilVoucherCommand(morning.Vouchers[0].VoucherId), ClerkTwo));
        Ok(await shop.Send(new CancelRedemptionCommand(mistaken.RedemptionId, "扫错了存折"), ClerkTwo));
        Ok(await shop.Send(new CancelRedemptionCommand(lateSale.RedemptionId, "顾客退货"), ClerkTwo));
        shop.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 15, 16, 30, 0, TimeSpan.Zero));
        Ok(await shop.RedeemAsync(ClerkOne, PassbookOf(2), (Rice, 1)));
        return shop;
    }

    [Fact]
    public async Task A_clerks_day_lists_their_sales_of_that_local_day_with_their_current_status()
    {
        var shop = await DayAsync();

        var report = Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, March15, ClerkOne.Id), Committee()));

        Assert.Equal((2, 180L), (report.Redemptions.Count, report.Redemptions.Points));
        Assert.Equal([RedemptionStatus.Completed, RedemptionStatus.Cancelled], report.Redemptions.List.Select(r => r.Status));
        Assert.Equal("花生油 5L ×2、洗车 ×1", report.Redemptions.List[0].Description);
        Assert.Equal((0, new ShiftPoints(180, 0, 180)), (report.Cancellations.Count, report.Points));
        Assert.Equal(
            [new ShiftItem(CarWash, "洗车", CatalogItemKind.Service, 1, 0, 1), new ShiftItem(Oil, "花生油 5L", CatalogItemKind.Goods, 2, 0, 2),
             new ShiftItem(Rice, "东北大米 5kg", CatalogItemKind.Goods, 2, 0, 2)],
            report.Items);
        Assert.Equal(new ShiftVouchers(1, 0), report.Vouchers);
        Assert.Equal((ClerkOne.Label, "津海社区", "Asia/Shanghai"), (report.ClerkName, report.CommunityName, report.TimeZone));
    }

    [Fact]
    public async Task Cancellations_count_in_the_shift_that_made_them_with_the_units_back_and_the_points_refunded()
    {
        var shop = await DayAsync();

        var report = Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, March15, ClerkTwo.Id), Clerk()));

        Assert.Equal((0, 2, 90L), (report.Redemptions.Count, report.Cancellations.Count, report.Cancellations.Points));
        Assert.Equal([(March15, "扫错了存折"), (March14, "顾客退货")], report.Cancellations.List.Select(c => (c.RedeemedOn, c.Reason)));
        Assert.All(report.Cancellations.List, c => Assert.Equal(ClerkOne.Id, c.RedeemedBy));
        Assert.Equal(new ShiftPoints(0, 90, -90), report.Points);
        Assert.Equal([new ShiftItem(Rice, "东北大米 5kg", CatalogItemKind.Goods, 0, 3, -3)], report.Items);
        Assert.Equal(new ShiftVouchers(0, 1), report.Vouchers);
    }

    [Fact]
    public async Task A_sale_just_before_local_midnight_belongs_to_that_day_and_keeps_its_day_when_cancelled_later()
    {
        var shop = await DayAsync();

        var report = Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, March14, ClerkOne.Id), ClerkOne));

        var sale = Assert.Single(report.Redemptions.List);
        Assert.Equal((30L, RedemptionStatus.Cancelled), (sale.Points, sale.Status));
        Assert.Equal(new ShiftPoints(30, 0, 30), report.Points);
    }

    [Fact]
    public async Task Without_a_date_or_clerk_it_is_the_callers_shift_today_in_the_communitys_zone()
    {
        var shop = await DayAsync();

        var report = Ok(await shop.Send(new GetShiftCloseQuery(CommunityId), ClerkOne));

        Assert.Equal((new DateOnly(2025, 3, 16), ClerkOne.Id, 1), (report.Date, report.Clerk, report.Redemptions.Count));
    }

    [Fact]
    public async Task Another_communitys_key_cannot_read_the_shift_and_an_unknown_community_is_not_found()
    {
        var shop = await DayAsync();

        Fails(await shop.Send(new GetShiftCloseQuery(CommunityId, March15, ClerkOne.Id), Clerk(OtherCommunityId)), "forbidden");
        Fails(await shop.Send(new GetShiftCloseQuery("nowhere", March15), Auditor), "community-not-found");
    }

    [Fact]
    public async Task The_printable_page_is_chinese_by_default_english_on_request_and_encodes_every_value()
    {
        var shop = await DayAsync();
        var report = Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, March15, ClerkTwo.Id), Auditor));

        var chinese = ShiftCloseHtml.Render(report, english: false);
        var english = ShiftCloseHtml.Render(report, english: true);

        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("积分超市日结单", chinese);
        Assert.Contains("扫错了存折", chinese);
        Assert.Contains("王芳 &lt;2号柜台&gt;", chinese);
        Assert.DoesNotContain("<2号柜台>", chinese);
        Assert.Contains("Service supermarket shift close", english);
        Assert.Contains("<td class=\"n\">-90</td>", english);
    }
}
