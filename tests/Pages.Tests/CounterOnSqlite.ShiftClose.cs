using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// The clerk's day (日结) at the counter: the figures the ledger adds up for this clerk, matching the balances and
/// stock the day left behind, printed alone.
/// </summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_clerk_closes_the_day_at_the_counter_with_figures_that_add_up_and_prints_them_alone()
    {
        // A clerk of its own: the other tests' sales at the shared clerk's counter stay out of this day.
        var clerkKey = await Seed.IssueClerkKeyAsync("柜台二号 陈芳");
        var (first, second) = (await Seed.OpenHouseholdAsync(200), await Seed.OpenHouseholdAsync(200));
        var (riceBefore, oilBefore) = (await Seed.StockAsync(Rice.Sku), await Seed.StockAsync(Oil.Sku));
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        await screen.OpenAsync();
        await screen.SignInAsync(clerkKey);

        await screen.LookUpAsync(first);
        await screen.AddAsync(Rice, 2);
        await screen.RedeemAsync();
        await screen.CancelAsync((await screen.ReceiptId.TextContentAsync())!.Trim(), "顾客退回大米");
        await Expect(screen.CancelMessage).ToContainTextAsync("已撤销");
        await page.Locator("#receipt-next").ClickAsync();
        await screen.LookUpAsync(second);
        await screen.AddAsync(Oil);
        await screen.AddAsync(CarWash);
        await screen.RedeemAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "查看日结" }).ClickAsync();

        await Expect(page.Locator("#shift-report")).ToBeVisibleAsync();
        await Expect(page.Locator("#shift-title")).ToContainTextAsync("柜台二号 陈芳");
        await Expect(page.Locator("#shift-redemptions")).ToHaveTextAsync("2 笔");
        await Expect(page.Locator("#shift-redeemed")).ToHaveTextAsync("125 分");
        await Expect(page.Locator("#shift-cancellations")).ToHaveTextAsync("1 笔");
        await Expect(page.Locator("#shift-refunded")).ToHaveTextAsync("60 分");
        await Expect(page.Locator("#shift-net")).ToHaveTextAsync("65 分");
        await Expect(page.Locator("#shift-vouchers")).ToHaveTextAsync("1 / 0");
        await Expect(ItemRow(Rice)).ToHaveTextAsync([Rice.Name, "2", "2", "0"]);
        await Expect(ItemRow(Oil)).ToHaveTextAsync([Oil.Name, "1", "0", "1"]);
        await Expect(ItemRow(CarWash)).ToHaveTextAsync([CarWash.Name, "1", "0", "1"]);
        await Expect(page.Locator("#shift .signatures")).ToBeHiddenAsync();
        var sales = page.Locator("#shift-redemption-list tr");
        await Expect(sales).ToHaveCountAsync(2);
        await Expect(sales.Nth(0)).ToContainTextAsync(first.Passbook);
        await Expect(sales.Nth(0)).ToContainTextAsync($"{Rice.Name} ×2（已撤销）");
        await Expect(sales.Nth(1)).ToContainTextAsync(second.Passbook);
        await Expect(sales.Nth(1).Locator("td").Last).ToHaveTextAsync("65");
        await Expect(page.Locator("#shift-cancellation-list tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#shift-cancellation-list tr td").Nth(2)).ToHaveTextAsync("顾客退回大米");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("shift-close.png"), FullPage = true });
        // What the day shows is what it left in the ledger: 65 points fewer between the two households, one oil out.
        Assert.Equal(400 - 65, await Seed.BalanceAsync(first.Passbook) + await Seed.BalanceAsync(second.Passbook));
        Assert.Equal((riceBefore, oilBefore - 1), (await Seed.StockAsync(Rice.Sku), await Seed.StockAsync(Oil.Sku)));

        await page.EvaluateAsync("() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; }");
        await page.Locator("#shift-print").ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.printed"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("#shift-report")).ToBeVisibleAsync();
        await Expect(page.Locator("#shift-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#shift .signatures")).ToContainTextAsync("经办签字");
        await Expect(page.Locator("#shift-print")).ToBeHiddenAsync();
        await Expect(page.Locator("#receipt")).ToBeHiddenAsync();
        await Expect(page.Locator("header.bar")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("shift-close-print.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Artifact("shift-close.pdf"), Format = "A4" });

        // The receipt's own print button prints the receipt again.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.Locator("#receipt-print").ClickAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        await Expect(page.Locator("#shift")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await screen.LanguageSwitch.ClickAsync();
        await Expect(page.Locator("#shift-heading")).ToHaveTextAsync("Close the day");
        await Expect(page.Locator("#shift-net")).ToHaveTextAsync("65 pts");

        // Another sale, and the figures on screen would no longer add up: they go until asked for again.
        await page.Locator("#receipt-next").ClickAsync();
        await screen.LookUpAsync(first);
        await screen.AddAsync(Rice);
        await screen.RedeemAsync();
        await Expect(page.Locator("#shift-report")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the day" }).ClickAsync();
        await Expect(page.Locator("#shift-redemptions")).ToHaveTextAsync("3");

        ILocator ItemRow(CatalogItem item) => page.Locator($"#shift-items tr[data-sku='{item.Sku}'] td");
    }
}
