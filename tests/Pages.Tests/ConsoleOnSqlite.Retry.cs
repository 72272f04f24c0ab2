using System.Text.Json;
using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>A lost answer, retried, records nothing twice (see CounterOnSqlite.Retry for the counter's).</summary>
public sealed partial class ConsoleOnSqlite
{
    [Fact]
    public async Task An_award_whose_answer_is_lost_is_retried_with_the_same_Idempotency_Key_and_recorded_once()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("RT", 1))[0];
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        var keys = new List<string>();
        var thrownAway = new List<JsonElement>();
        // The first award reaches the server and is recorded; its answer is then dropped (connection reset).
        await page.RouteAsync("**/api/communities/*/awards", async route =>
        {
            keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key") ?? "");
            if (thrownAway.Count > 0)
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            thrownAway.Add(JsonDocument.Parse(await response.TextAsync()).RootElement.Clone());
            await route.AbortAsync("connectionreset");
        });
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.OpenHouseholdAsync(household.Passbook, household.Passbook);
        await page.Locator("#household-award").ClickAsync();
        await page.Locator("#award-rule").SelectOptionAsync("clean-up");

        await page.Locator("#award-submit").ClickAsync();

        await Expect(page.Locator("#award-result")).ToHaveTextAsync($"已为{household.HeadName}记“人居环境整治”10 分，余额 10 分。");
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Single(thrownAway);
        Assert.Equal(10, await community.BalanceAsync(household.Passbook));
        var statement = await community.GetAsync($"/api/households/{household.Passbook}/statement");
        Assert.Single(statement.GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Participants_whose_answer_is_lost_are_awarded_once()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var households = await community.OpenHouseholdsAsync("RP", 3);
        var activity = await community.PostAsync("activities", new
        {
            id = "sweep-1", title = "广场清扫", organizer = new { kind = "social-organization", name = "龙湖义工协会" }, date = Today(), points = 3,
        });
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        var keys = new List<string>();
        await page.RouteAsync("**/api/communities/*/activities/*/participants", async route =>
        {
            keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key") ?? "");
            if (keys.Count > 1)
            {
                await route.ContinueAsync();
                return;
            }

            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.GoAsync("activities");
        await page.Locator("#activity-list button[data-activity='sweep-1']").ClickAsync();
        await page.Locator("#tick-filter").FillAsync("RP-00");
        await page.Locator("#tick-all").ClickAsync();

        await page.Locator("#participants-submit").ClickAsync();

        await Expect(page.Locator("#participants-result")).ToContainTextAsync("本次登记 9 人");
        Assert.Single(keys.Distinct());
        Assert.Equal(9, (await community.GetAsync($"/api/communities/{community.Seed.CommunityId}/activities/sweep-1"))
            .GetProperty("participants").GetArrayLength());
        Assert.Equal(9, await community.BalanceAsync(households[0].Passbook));
        Assert.Equal("广场清扫", activity.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_answer_names_each_participant_refused_and_why()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        await community.OpenHouseholdsAsync("RF", 1);
        await community.PostAsync("activities", new
        {
            id = "sweep-2", title = "广场清扫", organizer = new { kind = "enterprise", name = "海滨食品厂" }, date = Today(), points = 2,
        });
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        // A passbook the page would never offer (another community's, or one mistyped in an older list) rides along.
        await page.RouteAsync("**/api/communities/*/activities/*/participants", async route =>
        {
            var body = JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("participants").EnumerateArray()
                .Select(p => new { passbook = p.GetProperty("passbook").GetString(), member = p.GetProperty("member").GetString() })
                .Append(new { passbook = (string?)"XX-999", member = (string?)"无名氏" });
            await route.ContinueAsync(new RouteContinueOptions { PostData = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { participants = body })) });
        });
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await screen.GoAsync("activities");
        await page.Locator("#activity-list button[data-activity='sweep-2']").ClickAsync();
        await page.Locator("#tick-list input[type=checkbox]").First.CheckAsync();

        await page.Locator("#participants-submit").ClickAsync();

        await Expect(page.Locator("#participants-result")).ToContainTextAsync("本次登记 1 人，之前已登记 0 人，未能登记 1 人。");
        await Expect(page.Locator("#participants-result .refused li")).ToHaveTextAsync("XX-999 无名氏：没有这个存折号，或不属于本社区");
    }
}
