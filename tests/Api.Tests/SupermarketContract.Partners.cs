using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Tests;

/// <summary>
/// Partners (社区合伙人) who provide services: their keys, their vouchers, serving them, and their settlement of a month
/// (核销结算), on both stores.
/// </summary>
public abstract partial class SupermarketContract<TApi>
{
    private const string Haircut = "haircut";
    private const string Meal = "meal";
    private const string SettlementStylesheet = "/partner/settlement.css";

    private static string ThisMonth => CommunityCalendar.DateOf(DateTimeOffset.UtcNow, CommunityCalendar.DefaultTimeZone)
        .ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A shop whose barber provides haircuts (15 points, 12.00 yuan) and whose canteen provides meals (5 points, 3.50 yuan).</summary>
    private async Task<(SupermarketWorld World, HttpClient Barber, HttpClient Canteen)> PartnersShopAsync()
    {
        var world = await ShopAsync(balance: 1000);
        await world.Committee.RegisterPartnerAsync(world.CommunityId, "barber", "长者发屋");
        await world.Committee.RegisterPartnerAsync(world.CommunityId, "canteen", "长者食堂", "social-organisation");
        await world.Committee.ListServiceAsync(world.CommunityId, Haircut, "理发", 15, "barber", 1200);
        await world.Committee.ListServiceAsync(world.CommunityId, Meal, "长者午餐", 5, "canteen", 350);
        var barber = Api.CreateClient((await Api.IssuePartnerKeyAsync(world.CommunityId, "barber", "长者发屋 王师傅")).Key);
        var canteen = Api.CreateClient((await Api.IssuePartnerKeyAsync(world.CommunityId, "canteen", "长者食堂 前台")).Key);
        return (world, barber, canteen);
    }

    private static async Task<string[]> OpenVoucherIdsAsync(HttpClient client, string communityId) =>
        [.. (await SupermarketWorld.JsonAsync(await client.GetAsync($"/api/communities/{communityId}/vouchers?status=open")))
            .GetProperty("vouchers").EnumerateArray().Select(v => v.GetProperty("voucherId").GetString()!)];

    [Fact]
    public async Task A_partner_key_names_its_partner_in_the_answer_the_listing_and_me()
    {
        var (world, barber, _) = await PartnersShopAsync();
        using var admin = Api.CreateAdminClient();

        var keys = await SupermarketWorld.JsonAsync(await admin.GetAsync($"/api/keys?communityId={world.CommunityId}&role=partner"));
        var me = await SupermarketWorld.JsonAsync(await barber.GetAsync("/api/me"));

        Assert.Equal(["barber", "canteen"], keys.EnumerateArray().Select(k => k.GetProperty("partnerId").GetString()));
        Assert.Equal(("partner", "barber", world.CommunityId),
            (me.GetProperty("role").GetString(), me.GetProperty("partnerId").GetString(), me.GetProperty("communityId").GetString()));
    }

    [Theory]
    [InlineData("""{"role":"partner","communityId":"{cid}","label":"x"}""", HttpStatusCode.BadRequest, "validation-failed")]
    [InlineData("""{"role":"partner","communityId":"{cid}","partnerId":"nobody","label":"x"}""", HttpStatusCode.NotFound, "partner-not-found")]
    [InlineData("""{"role":"clerk","communityId":"{cid}","partnerId":"barber","label":"x"}""", HttpStatusCode.BadRequest, "validation-failed")]
    public async Task A_partner_key_needs_a_registered_partner_and_only_a_partner_key_names_one(string body, HttpStatusCode status, string slug)
    {
        var (world, _, _) = await PartnersShopAsync();
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync("/api/keys", body.Replace("{cid}", world.CommunityId));

        await response.AssertProblemAsync(status, slug);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_service_names_only_a_registered_partner_and_a_settlement_price_of_zero_or_more()
    {
        var (world, _, _) = await PartnersShopAsync();
        var path = $"/api/communities/{world.CommunityId}/catalog";
        var before = await Api.HeadAsync();

        using var unknown = await world.Committee.PostRawJsonAsync(path, """{"sku":"nail","name":"修甲","kind":"service","points":5,"providerId":"nobody","settlementFen":100}""");
        using var negative = await world.Committee.PostRawJsonAsync(path, """{"sku":"nail","name":"修甲","kind":"service","points":5,"providerId":"barber","settlementFen":-1}""");
        using var goods = await world.Committee.PostRawJsonAsync(path, """{"sku":"soap","name":"香皂","kind":"goods","points":5,"providerId":"barber","settlementFen":100}""");
        using var priceAlone = await world.Committee.PostRawJsonAsync(path, """{"sku":"nail","name":"修甲","kind":"service","points":5,"settlementFen":100}""");

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "partner-not-found");
        await negative.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await goods.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await priceAlone.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal(before, await Api.HeadAsync());
        var item = await world.ItemAsync(Haircut);
        Assert.Equal(("barber", 1200L), (item.GetProperty("providerId").GetString(), item.GetProperty("settlementFen").GetInt64()));
    }

    [Fact]
    public async Task A_partner_sees_and_serves_only_the_vouchers_of_its_own_services_and_each_once()
    {
        var (world, barber, canteen) = await PartnersShopAsync();
        await SupermarketWorld.JsonAsync(await world.RedeemAsync(world.Clerk, world.Passbook(), (Haircut, 2), (Meal, 1), (CarWash, 1)));

        var barbers = await OpenVoucherIdsAsync(barber, world.CommunityId);
        var canteens = await OpenVoucherIdsAsync(canteen, world.CommunityId);
        using var byOther = await canteen.PostAsync($"/api/vouchers/{barbers[0]}/fulfil", null);
        using var served = await barber.PostAsync($"/api/vouchers/{barbers[0]}/fulfil", null);
        using var again = await barber.PostAsync($"/api/vouchers/{barbers[0]}/fulfil", null);
        using var redeemAsPartner = await world.RedeemAsync(barber, world.Passbook(), (Haircut, 1));
        using var household = await barber.GetAsync($"/api/households/{world.Passbook()}");

        Assert.Equal(2, barbers.Length);
        Assert.Single(canteens);
        Assert.Equal(3, (await OpenVoucherIdsAsync(world.Clerk, world.CommunityId)).Length); // 4 sold, 1 served
        Assert.True(byOther.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)byOther.StatusCode}");
        var fulfilled = await served.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("长者发屋 王师傅", fulfilled.GetProperty("fulfilledByName").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, redeemAsPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, household.StatusCode);
        Assert.Equal([barbers[1]], await OpenVoucherIdsAsync(barber, world.CommunityId));
    }

    [Fact]
    public async Task The_settlement_lists_per_sku_the_vouchers_served_this_month_at_the_price_they_were_sold_at()
    {
        var (world, barber, canteen) = await PartnersShopAsync();
        await SupermarketWorld.JsonAsync(await world.RedeemAsync(world.Clerk, world.Passbook(), (Haircut, 2), (Meal, 3)));
        await world.Committee.ListServiceAsync(world.CommunityId, Haircut, "理发", 15, "barber", 1500);
        await SupermarketWorld.JsonAsync(await world.RedeemAsync(world.Clerk, world.Passbook(), (Haircut, 1)));
        foreach (var voucher in await OpenVoucherIdsAsync(barber, world.CommunityId))
        {
            await (await barber.PostAsync($"/api/vouchers/{voucher}/fulfil", null)).AssertStatusAsync(HttpStatusCode.OK);
        }

        var meals = await OpenVoucherIdsAsync(canteen, world.CommunityId);
        await (await world.Clerk.PostAsync($"/api/vouchers/{meals[0]}/fulfil", null)).AssertStatusAsync(HttpStatusCode.OK);
        var path = $"/api/communities/{world.CommunityId}/partners/barber/settlement?period={ThisMonth}";
        var bySelf = await SupermarketWorld.JsonAsync(await barber.GetAsync(path));
        var byCommittee = await SupermarketWorld.JsonAsync(await world.Committee.GetAsync(path));
        var byAuditor = await SupermarketWorld.JsonAsync(await world.Auditor.GetAsync(path));
        var canteenMonth = await SupermarketWorld.JsonAsync(await canteen.GetAsync(path.Replace("barber", "canteen")));
        var lastMonth = await SupermarketWorld.JsonAsync(await barber.GetAsync(path[..^7] + "2024-01"));
        using var byOther = await canteen.GetAsync(path);
        using var byClerk = await world.Clerk.GetAsync(path);

        var line = Assert.Single(bySelf.GetProperty("lines").EnumerateArray());
        Assert.Equal((Haircut, 3L, 45L, 1200L + 1200L + 1500L),
            (line.GetProperty("sku").GetString(), line.GetProperty("count").GetInt64(), line.GetProperty("points").GetInt64(), line.GetProperty("amountFen").GetInt64()));
        Assert.Equal((3L, 45L, 3900L, "长者发屋"),
            (bySelf.GetProperty("count").GetInt64(), bySelf.GetProperty("points").GetInt64(), bySelf.GetProperty("amountFen").GetInt64(),
             bySelf.GetProperty("partnerName").GetString()));
        Assert.Equal(bySelf.ToString(), byCommittee.ToString());
        Assert.Equal(bySelf.ToString(), byAuditor.ToString());
        Assert.Equal((1L, 350L), (canteenMonth.GetProperty("count").GetInt64(), canteenMonth.GetProperty("amountFen").GetInt64()));
        Assert.Equal(0, lastMonth.GetProperty("lines").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
    }

    [Fact]
    public async Task The_settlement_prints_as_a_chinese_a4_page_with_signature_lines_and_downloads_as_csv_with_a_bom()
    {
        var (world, barber, _) = await PartnersShopAsync();
        await SupermarketWorld.JsonAsync(await world.RedeemAsync(world.Clerk, world.Passbook(), (Haircut, 1)));
        var voucher = (await OpenVoucherIdsAsync(barber, world.CommunityId))[0];
        await (await barber.PostAsync($"/api/vouchers/{voucher}/fulfil", null)).AssertStatusAsync(HttpStatusCode.OK);
        var path = $"/api/communities/{world.CommunityId}/partners/barber/settlement?period={ThisMonth}";

        using var html = await barber.GetAsync(path + "&format=html");
        using var english = await barber.GetAsync(path + "&format=html&lang=en");
        using var csv = await barber.GetAsync(path + "&format=csv");
        using var badFormat = await barber.GetAsync(path + "&format=pdf");
        using var noPeriod = await barber.GetAsync($"/api/communities/{world.CommunityId}/partners/barber/settlement");
        using var unknown = await world.Committee.GetAsync(path.Replace("barber", "nobody"));

        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("核销结算单", page);
        Assert.Contains("合伙人（签章）", page);
        Assert.Contains("社区两委（签章）", page);
        Assert.Contains("12.00", page);
        Assert.Contains(SettlementStylesheet, page);
        Assert.DoesNotContain("<script", page);
        Assert.Contains("style-src 'self'", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("Voucher settlement", await english.Content.ReadAsStringAsync());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["haircut,理发,1,15,1200,12.00", "合计,,1,15,1200,12.00"], rows[1..]);
        await badFormat.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await noPeriod.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "partner-not-found");
        using var css = await Api.CreateClient(apiKey: null).GetAsync(SettlementStylesheet);
        Assert.Equal((HttpStatusCode.OK, "text/css"), (css.StatusCode, css.Content.Headers.ContentType?.MediaType));
    }
}
