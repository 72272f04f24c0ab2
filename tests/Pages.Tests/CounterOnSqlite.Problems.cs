using Ledger.Pages.Tests.Support;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>Refusals from the API read as sentences in the clerk's language, and the basket keeps within bounds.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task When_the_balance_fell_since_the_lookup_the_refusal_reads_as_insufficient_points_in_either_language()
    {
        var household = await Seed.OpenHouseholdAsync(50);
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await Expect(screen.Balance).ToHaveTextAsync("50");

        // Another counter spends 45 of the 50 points while this one still shows 50.
        await Seed.RedeemAsync(household.Passbook, (Oil.Sku, 1));
        await screen.AddAsync(Rice);
        await screen.RedeemButton.ClickAsync();

        await Expect(screen.BasketMessage).ToHaveTextAsync("积分不足：余额 5 分，本单需要 30 分。");
        await Expect(screen.Balance).ToHaveTextAsync("5");
        await Expect(screen.Receipt).ToBeHiddenAsync();
        await screen.LanguageSwitch.ClickAsync();
        await Expect(screen.BasketMessage).ToHaveTextAsync("Not enough points: the balance is 5, this basket needs 30.");
        Assert.Equal(5, await Seed.BalanceAsync(household.Passbook));
    }

    [Fact]
    public async Task When_the_stock_ran_out_since_the_catalogue_was_shown_the_refusal_names_the_item()
    {
        var lastOne = await Seed.ListAsync(new CatalogItem("couplets-" + Guid.NewGuid().ToString("N")[..6], "春联礼包", "goods", 10, 1));
        var household = await Seed.OpenHouseholdAsync(100);
        var other = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await screen.AddAsync(lastOne);

        await Seed.RedeemAsync(other.Passbook, (lastOne.Sku, 1));
        await screen.RedeemButton.ClickAsync();

        await Expect(screen.BasketMessage).ToHaveTextAsync("库存不足：“春联礼包”只剩 0 件，本单要 1 件。");
        await Expect(screen.Page.Locator($"#catalog li[data-sku='{lastOne.Sku}'] .item-stock")).ToHaveTextAsync("已兑完");
        await Expect(screen.CatalogAdd(lastOne)).ToBeDisabledAsync();
        Assert.Equal(100, await Seed.BalanceAsync(household.Passbook));
    }

    [Fact]
    public async Task The_basket_stops_at_the_stock_and_cannot_be_redeemed_beyond_the_balance()
    {
        var cups = await Seed.ListAsync(new CatalogItem("flask-" + Guid.NewGuid().ToString("N")[..6], "保温杯", "goods", 40, 2));
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);

        await screen.AddAsync(cups, 2);
        await Expect(screen.BasketQuantity(cups)).ToHaveTextAsync("2");
        await Expect(screen.CatalogAdd(cups)).ToBeDisabledAsync();
        await Expect(screen.BasketMore(cups)).ToBeDisabledAsync();
        await Expect(screen.RedeemButton).ToBeEnabledAsync();

        await screen.AddAsync(Rice);
        await Expect(page.Locator("#basket-total")).ToHaveTextAsync("110 分");
        await Expect(page.Locator("#basket-warning")).ToHaveTextAsync("积分不足：还差 10 分。");
        await Expect(screen.RedeemButton).ToBeDisabledAsync();

        await screen.BasketLine(Rice).Locator("button.remove").ClickAsync();
        await Expect(page.Locator("#basket-total")).ToHaveTextAsync("80 分");
        await Expect(page.Locator("#basket-warning")).ToBeHiddenAsync();
        await Expect(screen.RedeemButton).ToBeEnabledAsync();
    }
}
