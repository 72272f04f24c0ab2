using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>Goods arriving at the service centre are recorded at the counter, and the catalogue shows them at once.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_delivery_is_recorded_at_the_counter_and_the_catalogue_shows_the_new_stock()
    {
        var before = (await Seed.StockAsync(Oil.Sku))!.Value;
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var message = page.Locator("#stock-message");
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        Assert.DoesNotContain(CarWash.Sku, await page.Locator("#stock-sku option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));

        await page.Locator("#stock-sku").SelectOptionAsync(Oil.Sku);
        await page.Locator("#stock-quantity").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记入库" }).ClickAsync();
        await Expect(message).ToHaveTextAsync("数量须为 1 到 1000000 之间的整数。");
        Assert.Equal(before, await Seed.StockAsync(Oil.Sku));

        await page.Locator("#stock-quantity").FillAsync("24");
        await page.Locator("#stock-note").FillAsync("爱心企业捐赠 第 7 批");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记入库" }).ClickAsync();

        await Expect(message).ToHaveTextAsync($"“{Oil.Name}”入库 24 件，现有库存 {before + 24}。");
        await Expect(page.Locator($"#catalog li[data-sku='{Oil.Sku}']")).ToContainTextAsync($"库存 {before + 24}");
        await Expect(page.Locator("#stock-quantity")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("stock.png") });
        Assert.Equal(before + 24, await Seed.StockAsync(Oil.Sku));
    }
}
