using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>The catalogue and statistics screens, English, and the phone held upright.</summary>
public sealed partial class ConsoleOnSqlite
{
    [Fact]
    public async Task A_price_change_is_a_new_version_and_a_withdrawn_item_is_marked_after_a_confirmation()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.GoAsync("catalog");

        await page.Locator($"#catalog-items button[data-sku='{Oil.Sku}']").ClickAsync();
        await Expect(page.Locator("#item-name")).ToHaveValueAsync(Oil.Name);
        await page.Locator("#item-points").FillAsync("50");
        await page.Locator("#item-submit").ClickAsync();
        await Expect(page.Locator("#item-message")).ToHaveTextAsync($"“{Oil.Name}”现为 50 分（第 2 版）。");

        await page.Locator("#withdraw-sku").SelectOptionAsync(TeaSet.Sku);
        await page.Locator("#withdraw-reason").FillAsync("供货商停产");
        await page.Locator("#withdraw-submit").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToHaveTextAsync($"下架“{TeaSet.Name}”后不能再兑换。确定下架吗？");
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#withdraw-message")).ToHaveTextAsync($"“{TeaSet.Name}”已下架。");
        await Expect(page.Locator("#catalog-items tr.withdrawn")).ToContainTextAsync("已下架");
        await screen.ShotAsync("console-catalog.png");
        var catalog = await community.GetAsync($"/api/communities/{community.Seed.CommunityId}/catalog");
        var items = catalog.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("sku").GetString()!);
        Assert.Equal(50, items[Oil.Sku].GetProperty("points").GetInt64());
        Assert.True(items[TeaSet.Sku].GetProperty("withdrawn").GetBoolean());
    }

    [Fact]
    public async Task Statistics_show_the_year_and_each_month_with_an_SVG_chart_and_download_as_CSV()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("SS", 1))[0];
        await community.AwardAsync(household.Passbook, "clean-up");
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);

        await screen.GoAsync("stats");

        var month = int.Parse(ThisMonth()[5..]);
        var row = page.Locator("#stats-rows tr").Nth(month - 1);
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("10");
        await Expect(page.Locator("#stats-rows tr").Last.Locator("td").Nth(4)).ToHaveTextAsync("10");
        await Expect(page.Locator("#stats-chart svg rect.issued")).ToHaveCountAsync(13); // 12 months and the legend
        await screen.ShotAsync("console-stats.png");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#stats-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("\uFEFF期间,活动次数,参与人次,参与户数,发放积分,兑换积分,期末结余", csv);
        Assert.Contains($"{month}月,0,0,0,10,0,10", csv);
        Assert.StartsWith("blob:", download.Url);
    }

    [Fact]
    public async Task In_english_a_committee_finds_a_household_and_awards_points()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("EN", 1))[0];
        await using var screen = await ConsoleScreen.NewAsync(fixture, locale: "en-GB");
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey, lang: "en");
        await Expect(page.Locator("#app-title")).ToHaveTextAsync("Committee console");

        await screen.OpenHouseholdAsync(household.Members[1], household.Passbook);
        await page.Locator("#household-award").ClickAsync();
        await page.Locator("#award-rule").SelectOptionAsync("clean-up");
        await Expect(page.Locator("#award-rule-facts")).ToHaveTextAsync(
            $"This item awards 10 points, at most 30 per household a month; this household earned 0 this month ({ThisMonth()}), 30 left.");
        await page.Locator("#award-submit").ClickAsync();

        await Expect(page.Locator("#award-result")).ToHaveTextAsync($"Recorded \"人居环境整治\" for {household.HeadName}: 10 points; balance 10.");
        await screen.ShotAsync("console-award-en.png");
        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("#awards-heading")).ToHaveTextAsync("积分奖扣");
        await Expect(page.Locator("#award-result")).ToHaveTextAsync($"已为{household.HeadName}记“人居环境整治”10 分，余额 10 分。");
    }

    [Fact]
    public async Task On_a_phone_held_upright_every_screen_fits_its_width()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("PH", 1))[0];
        await using var screen = await ConsoleScreen.NewAsync(fixture, ConsoleScreen.Phone);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.OpenHouseholdAsync(household.Passbook, household.Passbook);
        await screen.ShotAsync("console-phone-household.png");

        foreach (var name in new[] { "households", "awards", "activities", "catalog", "rolls", "stats" })
        {
            await screen.GoAsync(name);
            await Expect(page.Locator($"#screen-{name}")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"The {name} screen is {overflow}px wider than the phone.");
        }

        await screen.ShotAsync("console-phone-stats.png");
    }

    [Fact]
    public async Task Both_languages_have_a_word_for_every_key_and_every_label_on_the_page()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        await screen.SignInAsync(community.Seed.CommitteeKey);

        var missing = await screen.Page.EvaluateAsync<string[]>("""
            async () => {
              const { zh } = await import('/console/words-zh.js');
              const { en } = await import('/console/words-en.js');
              const labels = [...new Set([...document.querySelectorAll('[data-i18n]')].map(n => n.dataset.i18n))];
              return [...Object.keys(zh).filter(k => !(k in en)).map(k => `en lacks ${k}`),
                      ...Object.keys(en).filter(k => !(k in zh)).map(k => `zh lacks ${k}`),
                      ...labels.filter(k => !(k in zh)).map(k => `no word for label ${k}`)];
            }
            """);

        Assert.Empty(missing);
    }
}
