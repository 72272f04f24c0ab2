using System.Text.RegularExpressions;
using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// The committee console in a real browser against the real server on SQLite. Each test sets up a community of its own
/// (an honour roll is published once per period and community), on the class's one server and browser.
/// </summary>
public sealed partial class ConsoleOnSqlite(SqliteCounter fixture) : IClassFixture<SqliteCounter>
{
    private static string Artifact(string name) => Path.Combine(CounterFixture.ArtifactsFolder, $"console-{name}");

    private static string Today() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    private static string ThisMonth() => Today()[..7];

    [Fact]
    public async Task A_committee_runs_its_month_households_award_activity_of_30_correction_stock_and_the_honour_roll_printed()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var households = await community.OpenHouseholdsAsync("ZW", 10);
        var first = households[0];
        await community.AwardAsync(first.Passbook, "clean-up", first.Members[1]);
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await Expect(page.Locator("#who")).ToContainTextAsync(community.Seed.CommunityName);

        // Households: found by a member's name (not the head's), opened with its members.
        await screen.OpenHouseholdAsync("何秀兰1", first.Passbook);
        await Expect(page.Locator("#search-results li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#household-facts")).ToContainTextAsync("陈建国1、何秀兰1、陈小明1");
        await screen.ShotAsync("1-household.png");

        // Award: the item's points and what its monthly cap leaves (30 - 10 already earned).
        await page.Locator("#household-award").ClickAsync();
        await page.Locator("#award-rule").SelectOptionAsync("clean-up");
        await Expect(page.Locator("#award-rule-facts")).ToContainTextAsync("每户每月最多 30 分；这户本月");
        await Expect(page.Locator("#award-rule-facts")).ToContainTextAsync("还可得 20 分");
        await page.Locator("#award-member").SelectOptionAsync(first.Members[2]);
        await page.Locator("#award-note").FillAsync("清理河道垃圾");
        await page.Locator("#award-submit").ClickAsync();
        await Expect(page.Locator("#award-result")).ToHaveTextAsync("已为陈小明1记“人居环境整治”10 分，余额 20 分。");
        await Expect(page.Locator("#award-rule-facts")).ToContainTextAsync("还可得 10 分");
        await page.Locator("#award-rule").SelectOptionAsync("litter");
        await Expect(page.Locator("#award-policy")).ToHaveTextAsync("本社区扣分规则：余额不足时不扣分，提交会被拒绝。");
        await screen.ShotAsync("2-award.png");
        Assert.Equal(20, await community.BalanceAsync(first.Passbook));

        // Activity: scheduled, then all 30 members of the 10 households ticked at once.
        await screen.GoAsync("activities");
        await page.Locator("#schedule summary").ClickAsync();
        await page.Locator("#schedule-title").FillAsync("河道清洁志愿服务");
        await page.Locator("#schedule-kind").SelectOptionAsync("partner-unit");
        await page.Locator("#schedule-organizer").FillAsync("区税务局");
        await page.Locator("#schedule-date").FillAsync(Today());
        await page.Locator("#schedule-points").FillAsync("5");
        await page.Locator("#schedule-submit").ClickAsync();
        await Expect(page.Locator("#activity-title")).ToHaveTextAsync("河道清洁志愿服务");
        await Expect(page.Locator("#tick-shown")).ToContainTextAsync("显示 10 户，共 10 户");
        await page.Locator("#tick-all").ClickAsync();
        await Expect(page.Locator("#participants-submit")).ToHaveTextAsync("登记勾选的 30 人");
        await page.Locator("#participants-submit").ClickAsync();
        await Expect(page.Locator("#participants-result")).ToContainTextAsync("本次登记 30 人，之前已登记 0 人，未能登记 0 人。");
        await Expect(page.Locator("#activity-in-count")).ToHaveTextAsync("已登记 30 人次：");
        await Expect(page.Locator("#tick-list input:checked:disabled")).ToHaveCountAsync(30);
        await screen.ShotAsync("3-activity.png");
        Assert.Equal(35, await community.BalanceAsync(first.Passbook));

        // Correction of the console's award, after the household spent points: the balance goes negative and says so.
        await community.Seed.RedeemAsync(first.Passbook, (Rice.Sku, 1));
        await screen.OpenHouseholdAsync(first.Passbook, first.Passbook);
        var line = page.Locator("#statement-lines tr", new PageLocatorOptions { HasText = "清理河道垃圾" });
        await line.Locator("button").ClickAsync();
        await page.Locator("#correction-submit").ClickAsync();
        await Expect(page.Locator("#correction-message")).ToHaveTextAsync("请填写更正原因。");
        await page.Locator("#correction-reason").FillAsync("重复录入");
        await page.Locator("#correction-submit").ClickAsync();
        await Expect(page.Locator("#correction-result")).ToHaveTextAsync("已更正：积分变动 -10，更正后余额为负 -5 分。余额转正之前，这户不能兑换。");
        await Expect(line.Locator("td").Last).ToHaveTextAsync("已更正");
        await screen.ShotAsync("4-correction.png");
        Assert.Equal(-5, await community.BalanceAsync(first.Passbook));

        // Stock received with its delivery note.
        var riceBefore = await community.Seed.StockAsync(Rice.Sku);
        await screen.GoAsync("catalog");
        await page.Locator("#stock-sku").SelectOptionAsync(Rice.Sku);
        await page.Locator("#stock-quantity").FillAsync("50");
        await page.Locator("#stock-note").FillAsync("送货单 NO.2025-118");
        await page.Locator("#stock-submit").ClickAsync();
        await Expect(page.Locator("#stock-message")).ToHaveTextAsync($"“{Rice.Name}”入库 50 件，现有库存 {riceBefore + 50}。");
        await screen.ShotAsync("5-stock.png");
        Assert.Equal(riceBefore + 50, await community.Seed.StockAsync(Rice.Sku));

        // Honour roll: previewed with ties, published after a confirmation that says it is final, printed on one page.
        await screen.GoAsync("rolls");
        await page.Locator("#roll-period").FillAsync(ThisMonth());
        await page.Locator("#roll-preview").ClickAsync();
        await Expect(page.Locator("#roll-state")).ToContainTextAsync("预览");
        await Expect(page.Locator("#roll-entries tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("#roll-entries tr").First.Locator("td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("#roll-entries tr").Nth(1).Locator("td").First).ToHaveTextAsync("2 （并列）");
        await page.Locator("#roll-publish").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("定稿了，不能修改或撤回");
        await screen.ShotAsync("6-roll-confirm.png", fullPage: false);
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#roll-state")).ToContainTextAsync("已发布");
        await screen.ShotAsync("7-roll-published.png");
        var poster = await page.RunAndWaitForPopupAsync(() => page.Locator("#roll-open").ClickAsync());
        await poster.WaitForLoadStateAsync();
        await Expect(poster.Locator("h1")).ToHaveTextAsync("荣誉榜");
        var pdf = await poster.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Path = Artifact("7-poster.pdf") });
        Assert.Equal(1, PdfPages(pdf));

        var title = await GlyphInspector.InspectAsync(page.Locator("#app-title"), Artifact("title-zh.png"));
        Assert.Equal("两委工作台", string.Concat(title.Glyphs.Select(g => g.Ch)));
        Assert.True(title.AllDrawn, $"The title is not drawn as Chinese: {title}");
    }

    /// <summary>The pages of a PDF Chromium printed (each page object is typed <c>/Page</c>; the tree's root <c>/Pages</c>).</summary>
    internal static int PdfPages(byte[] pdf) =>
        Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![s\w])").Count;
}
