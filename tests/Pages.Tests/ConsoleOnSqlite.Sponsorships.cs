using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>The sponsorships screen: record donated goods and a points budget, fund an activity from it, see its use.</summary>
public sealed partial class ConsoleOnSqlite
{
    [Fact]
    public async Task A_committee_records_a_sponsors_goods_and_budget_funds_an_activity_from_it_and_sees_where_the_points_went()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var households = await community.OpenHouseholdsAsync("SP", 2);
        await community.PostAsync("partners", new { id = "aixin", name = "爱心超市", kind = "enterprise" });
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.GoAsync("sponsorships");

        await page.Locator("#sponsor-kind").SelectOptionAsync("goods");
        await page.Locator("#sponsor-sku").SelectOptionAsync(Oil.Sku);
        await page.Locator("#sponsor-quantity").FillAsync("20");
        await page.Locator("#sponsor-note").FillAsync("中秋捐赠");
        await page.Locator("#sponsor-submit").ClickAsync();
        await Expect(page.Locator("#sponsor-message")).ToHaveTextAsync("已登记爱心超市捐赠的 20 件物资，已入库。");
        await page.Locator("#sponsor-kind").SelectOptionAsync("points");
        await page.Locator("#sponsor-points").FillAsync("100");
        await page.Locator("#sponsor-submit").ClickAsync();
        await Expect(page.Locator("#sponsor-message")).ToHaveTextAsync("已登记爱心超市赞助的 100 积分预算。");

        await screen.GoAsync("activities");
        await page.Locator("#schedule summary").ClickAsync();
        await page.Locator("#schedule-title").FillAsync("爱心义剪");
        await page.Locator("#schedule-sponsorship").SelectOptionAsync(new SelectOptionValue { Label = "爱心超市的预算（剩余 100 分）" });
        await Expect(page.Locator("#schedule-organizer")).ToHaveValueAsync("爱心超市");
        await page.Locator("#schedule-date").FillAsync(DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await page.Locator("#schedule-points").FillAsync("30");
        await page.Locator("#schedule-submit").ClickAsync();
        await Expect(page.Locator("#activity-title")).ToHaveTextAsync("爱心义剪");
        var activity = (await community.GetAsync($"/api/communities/{community.Seed.CommunityId}/activities")).GetProperty("activities")[0].GetProperty("id").GetString();
        await community.PostAsync($"activities/{activity}/participants",
            new { participants = households.Select(h => new { passbook = h.Passbook }) });

        await screen.GoAsync("sponsorships");
        var budgetRow = page.Locator("#sponsorship-rows tr", new() { HasText = "积分预算" });
        await Expect(budgetRow.Locator("td").Nth(4)).ToHaveTextAsync("60");
        await Expect(budgetRow.Locator("td").Nth(5)).ToHaveTextAsync("40");
        await budgetRow.Locator("button").ClickAsync();
        await Expect(page.Locator("#sponsorship-facts")).ToHaveTextAsync("赞助 100 分，已用 60 分，剩余 40 分。");
        await Expect(page.Locator("#sponsorship-draws li")).ToHaveTextAsync("爱心义剪：2 人次，共 60 分");
        await Expect(page.Locator("#sponsorship-rows tr", new() { HasText = "捐赠物资" }).Locator("td").Nth(2)).ToHaveTextAsync($"捐赠物资（{Oil.Name}）");
        await screen.ShotAsync("console-sponsorships.png");
        var statement = await community.GetAsync($"/api/households/{households[0].Passbook}/statement");
        Assert.Equal("爱心超市", statement.GetProperty("lines")[0].GetProperty("fundedBy").GetString());
    }
}
