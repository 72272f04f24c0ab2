using Ledger.Common;
using Ledger.Pages.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>Month close, the expiry policy and the households whose points expire soon; the counter tells the resident.</summary>
public sealed partial class ConsoleOnSqlite
{
    [Fact]
    public async Task The_committee_sets_expiry_in_words_residents_read_closes_last_month_and_the_counter_says_what_expires_when()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("EX", 1))[0];
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        var today = CommunityCalendar.DateOf(DateTimeOffset.UtcNow, CommunityCalendar.DefaultTimeZone);

        // The screen fills its form from the policy it loads: wait for that before changing it.
        await page.RunAndWaitForResponseAsync(() => screen.GoAsync("expiry"), r => r.Url.Contains("/expiring"));
        await Expect(page.Locator("#expiry-sentence")).ToHaveTextAsync("积分长期有效，不会过期。");
        await page.Locator("#expiry-rule").SelectOptionAsync("end-of-year");
        await page.Locator("#expiry-years").FillAsync("0");
        await page.Locator("#expiry-save").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync($"{today.Year} 年获得的积分，于 {today.Year} 年 12 月 31 日 24 时后过期");
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#expiry-message")).ToHaveTextAsync("已保存（第 1 版）。");
        await Expect(page.Locator("#expiry-sentence")).ToHaveTextAsync(
            $"按年度到期：{today.Year} 年获得的积分，于 {today.Year} 年 12 月 31 日 24 时后过期；以后各年依此类推。");

        await community.AwardAsync(household.Passbook, "clean-up");
        await screen.GoAsync("households");
        await page.RunAndWaitForResponseAsync(() => screen.GoAsync("expiry"), r => r.Url.Contains("/expiring"));
        var endOfYear = new DateOnly(today.Year, 12, 31);
        if (endOfYear.DayNumber - today.DayNumber <= 30)
        {
            await Expect(page.Locator("#expiry-soon tr")).ToContainTextAsync(household.Passbook);
        }
        else
        {
            await Expect(page.Locator("#expiry-soon")).ToHaveTextAsync("30 天内没有到期的积分。");
        }

        await screen.ShotAsync("console-expiry.png");

        await screen.GoAsync("periods");
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#period-month").FillAsync(lastMonth);
        await page.Locator("#period-close").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToHaveTextAsync($"确定对 {lastMonth} 月结吗？结账后不能再登记日期在该月的积分，且无法撤销。");
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#period-message")).ToHaveTextAsync($"{lastMonth} 已月结。");
        await Expect(page.Locator("#period-list tr")).ToContainTextAsync(lastMonth);
        await screen.ShotAsync("console-periods.png");

        await using var counter = await fixture.NewScreenAsync();
        await counter.OpenAsync();
        await counter.SignInAsync(community.Seed.ClerkKey);
        await counter.LookUpAsync(household);
        await Expect(counter.Page.Locator("#household-expiring")).ToHaveTextAsync($"10 积分将于 {today.Year}年12月31日 到期");
        await counter.Page.ScreenshotAsync(new() { Path = Path.Combine(CounterFixture.ArtifactsFolder, "counter-expiring-zh.png") });
    }
}
