using Ledger.Pages.Tests.Support;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// The household's recent redemptions on the counter: the one to cancel is picked from the list, its number never
/// typed, and the list follows what the counter and other counters do.
/// </summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_clerk_cancels_an_earlier_redemption_picked_from_the_household_s_list_without_typing_its_number()
    {
        var household = await Seed.OpenHouseholdAsync(200);
        var older = (await Seed.RedeemAsync(household.Passbook, (Rice.Sku, 1))).GetProperty("redemptionId").GetString()!;
        var newer = (await Seed.RedeemAsync(household.Passbook, (Oil.Sku, 2))).GetProperty("redemptionId").GetString()!;
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var list = page.Locator("#history-list li");
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);

        await screen.LookUpAsync(household);

        await Expect(page.Locator("#history-heading")).ToHaveTextAsync("最近兑换");
        await Expect(list).ToHaveCountAsync(2);
        Assert.Equal([newer, older], await list.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.rid)"));
        await Expect(list.Nth(0)).ToContainTextAsync($"{Oil.Name} ×2");
        await Expect(list.Nth(0)).ToContainTextAsync("90 分");
        await Expect(list.Nth(1)).ToContainTextAsync("已完成");
        await Expect(screen.Balance).ToHaveTextAsync("80");

        await list.Nth(1).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"撤销兑换单 {older}" }).ClickAsync();
        await Expect(page.Locator("#cancel-id")).ToHaveValueAsync(older);
        await Expect(page.Locator("#cancel-reason")).ToBeFocusedAsync();
        await screen.CancelAsync(null, "顾客退回大米");

        await Expect(screen.CancelMessage).ToContainTextAsync($"兑换单 {older} 已撤销");
        await Expect(list.Nth(1)).ToContainTextAsync("已撤销");
        await Expect(list.Nth(1).Locator("button")).ToHaveCountAsync(0);
        await Expect(list.Nth(0).Locator("button")).ToHaveCountAsync(1);
        await Expect(screen.Balance).ToHaveTextAsync("110");
        Assert.Equal(110, await Seed.BalanceAsync(household.Passbook));
    }

    [Fact]
    public async Task A_redemption_made_at_the_counter_tops_the_household_s_list_and_a_new_household_starts_with_an_empty_one()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        var other = await Seed.OpenHouseholdAsync(50);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        await screen.OpenAsync("en");
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#history-list li")).ToHaveCountAsync(0);

        await screen.AddAsync(Rice);
        await screen.RedeemAsync();

        var redemptionId = (await screen.ReceiptId.TextContentAsync())!.Trim();
        await Expect(page.Locator("#history-list li")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#history-list li[data-rid='{redemptionId}']")).ToContainTextAsync("Completed");
        await Expect(page.Locator("#history-empty")).ToBeHiddenAsync();
        await screen.LookUpAsync(other);
        await Expect(page.Locator("#history-list li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#history-empty")).ToHaveTextAsync("This household has not redeemed anything yet.");
    }
}
