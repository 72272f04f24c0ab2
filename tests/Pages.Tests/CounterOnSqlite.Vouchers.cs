using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// Service vouchers at the counter: a resident back for the service has the voucher marked used, once, picked from
/// the household's open vouchers, from the whole community's, or typed from the receipt; a used voucher's redemption
/// is no longer refunded.
/// </summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_voucher_is_marked_used_once_whether_picked_from_the_household_s_list_or_typed_from_the_receipt()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var open = page.Locator("#voucher-list li");
        var message = page.Locator("#vouchers-message");
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await Expect(page.Locator("#vouchers-empty")).ToBeVisibleAsync();
        await screen.AddAsync(CarWash, 2);
        await screen.RedeemAsync();
        var redemptionId = (await screen.ReceiptId.TextContentAsync())!.Trim();

        await Expect(open).ToHaveCountAsync(2);
        var ids = await open.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.vid)");
        Assert.Equal([$"{redemptionId}-1", $"{redemptionId}-2"], ids);
        await Expect(open.Nth(0)).ToContainTextAsync(CarWash.Name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("vouchers.png"), FullPage = true });
        await open.Nth(0).GetByRole(AriaRole.Button, new() { Name = $"核销服务券 {ids[0]}" }).ClickAsync();
        await Expect(page.Locator("#fulfil-id")).ToHaveValueAsync(ids[0]);
        await Expect(page.Locator("#fulfil-submit")).ToBeFocusedAsync();
        await page.Locator("#fulfil-submit").ClickAsync();
        await Expect(message).ToHaveTextAsync($"服务券 {ids[0]}（{CarWash.Name}）已核销。");
        await Expect(open).ToHaveCountAsync(1);

        await page.Locator("#fulfil-id").FillAsync(ids[1]);
        await page.Locator("#fulfil-submit").ClickAsync();
        await Expect(message).ToHaveTextAsync($"服务券 {ids[1]}（{CarWash.Name}）已核销。");
        await Expect(open).ToHaveCountAsync(0);
        await Expect(page.Locator("#vouchers-empty")).ToBeVisibleAsync();

        await page.Locator("#fulfil-id").FillAsync(ids[0]);
        await page.Locator("#fulfil-submit").ClickAsync();
        await Expect(message).ToHaveTextAsync($"服务券“{ids[0]}”已经核销过了。");
        await page.Locator("#fulfil-id").FillAsync("no-such-voucher");
        await page.Locator("#fulfil-submit").ClickAsync();
        await Expect(message).ToHaveTextAsync("没有服务券“no-such-voucher”。");

        // The services were delivered: the redemption is no longer refunded.
        await screen.CancelAsync(redemptionId, "顾客不要了");
        await Expect(screen.CancelMessage).ToHaveTextAsync("此单的服务券已使用，服务已提供，不能撤销。");
        await Expect(screen.Balance).ToHaveTextAsync("60");
        Assert.Equal(60, await Seed.BalanceAsync(household.Passbook));
    }

    [Fact]
    public async Task The_community_s_open_vouchers_name_their_households_one_picked_there_is_marked_used_without_a_look_up_and_a_sale_adds_its_own()
    {
        var (first, second) = (await Seed.OpenHouseholdAsync(100), await Seed.OpenHouseholdAsync(100));
        var firstVoucher = VoucherOf(await Seed.RedeemAsync(first.Passbook, (CarWash.Sku, 1)));
        var secondVoucher = VoucherOf(await Seed.RedeemAsync(second.Passbook, (CarWash.Sku, 1)));
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var community = page.Locator("#community-voucher-list");
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await Expect(community.Locator("li")).ToHaveCountAsync(0);

        // Listed only once opened: other tests' vouchers may be there too, so only these two are looked for.
        await page.Locator("#community-vouchers summary").ClickAsync();
        var firstRow = community.Locator($"li[data-vid='{firstVoucher}']");
        await Expect(firstRow).ToContainTextAsync(CarWash.Name);
        await Expect(firstRow).ToContainTextAsync($"{first.Passbook} {first.HeadName}");
        await Expect(community.Locator($"li[data-vid='{secondVoucher}']")).ToContainTextAsync(second.Passbook);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("community-vouchers.png"), FullPage = true });

        await firstRow.GetByRole(AriaRole.Button, new() { Name = $"核销服务券 {firstVoucher}" }).ClickAsync();
        await Expect(page.Locator("#fulfil-id")).ToHaveValueAsync(firstVoucher);
        await page.Locator("#fulfil-submit").ClickAsync();
        await Expect(page.Locator("#vouchers-message")).ToHaveTextAsync($"服务券 {firstVoucher}（{CarWash.Name}）已核销。");
        await Expect(firstRow).ToHaveCountAsync(0);
        await Expect(community.Locator($"li[data-vid='{secondVoucher}']")).ToHaveCountAsync(1);
        await Expect(screen.Household).ToBeHiddenAsync();

        // A sale at this counter while the list is open adds its voucher there at once.
        await screen.LookUpAsync(first);
        await screen.AddAsync(CarWash);
        await screen.RedeemAsync();
        var sold = (await screen.ReceiptId.TextContentAsync())!.Trim();
        await Expect(community.Locator($"li[data-vid='{sold}-1']")).ToContainTextAsync(first.Passbook);
    }

    private static string VoucherOf(System.Text.Json.JsonElement receipt) =>
        receipt.GetProperty("vouchers")[0].GetProperty("voucherId").GetString()!;
}
