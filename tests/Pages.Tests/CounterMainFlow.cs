using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// The counter's whole job, in a real browser against the real server, on every store backend: each backend enrols
/// with a one-line subclass. Tests in a class share one server, browser and community; each opens its own household.
/// </summary>
public abstract class CounterMainFlow<TFixture>(TFixture counter) : IClassFixture<TFixture>
    where TFixture : CounterFixture
{
    protected TFixture Counter => counter;

    protected LedgerSeed Seed => counter.Seed;

    [Fact]
    public async Task A_clerk_scans_a_passbook_redeems_a_basket_prints_the_receipt_and_a_cancellation_refunds_it()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        var riceBefore = await Seed.StockAsync(Rice.Sku);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;

        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await Expect(page.Locator("#who")).ToContainTextAsync(ClerkLabel);
        await Expect(page.Locator("#who")).ToContainTextAsync(Seed.CommunityName);
        await screen.LookUpAsync(household);
        await Expect(screen.Balance).ToHaveTextAsync("100");
        await Expect(page.Locator("#household-head")).ToHaveTextAsync(household.HeadName);
        await Expect(page.Locator("#household-members")).ToHaveTextAsync(string.Join("、", household.Members));

        await screen.AddAsync(Rice, 2);
        await screen.AddAsync(CarWash);
        await Expect(page.Locator("#basket-total")).ToHaveTextAsync("80 分");
        await Expect(page.Locator("#basket-after")).ToHaveTextAsync("20 分");
        await page.Locator("#member").SelectOptionAsync(household.Members[2]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("counter-basket.png") });
        await screen.RedeemAsync();

        var redemptionId = (await screen.ReceiptId.TextContentAsync())!.Trim();
        Assert.NotEmpty(redemptionId);
        await Expect(page.Locator("#receipt-lines tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#receipt-total")).ToHaveTextAsync("80 分");
        await Expect(page.Locator("#receipt-balance")).ToHaveTextAsync("20 分");
        await Expect(page.Locator("#receipt-member")).ToHaveTextAsync(household.Members[2]);
        await Expect(page.Locator("#receipt-voucher-list li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#receipt-voucher-list li")).ToContainTextAsync(CarWash.Name);
        await Expect(screen.Balance).ToHaveTextAsync("20");
        Assert.Equal(20, await Seed.BalanceAsync(household.Passbook));
        Assert.Equal(riceBefore - 2, await Seed.StockAsync(Rice.Sku));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("counter-receipt.png") });

        await AssertPrintsTheReceiptAloneAsync(page);

        await page.Locator("#receipt-cancel").ClickAsync();
        await Expect(page.Locator("#cancel-id")).ToHaveValueAsync(redemptionId);
        await Expect(page.Locator("#cancel-reason")).ToBeFocusedAsync();
        await screen.CancelAsync(null, "误操作：顾客要换别的物品");
        await Expect(screen.CancelMessage).ToContainTextAsync($"兑换单 {redemptionId} 已撤销");
        await Expect(page.Locator("#receipt-cancelled")).ToContainTextAsync("已撤销");
        await Expect(screen.Balance).ToHaveTextAsync("100");
        Assert.Equal(100, await Seed.BalanceAsync(household.Passbook));
        Assert.Equal(riceBefore, await Seed.StockAsync(Rice.Sku));
    }

    /// <summary>A file name under the test output's artifacts folder, prefixed by the store backend.</summary>
    protected string Artifact(string name) => Path.Combine(CounterFixture.ArtifactsFolder, $"{typeof(TFixture).Name}-{name}");

    private async Task AssertPrintsTheReceiptAloneAsync(IPage page)
    {
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        await Expect(page.Locator("#receipt-lines")).ToBeVisibleAsync();
        await Expect(page.Locator("header.bar")).ToBeHiddenAsync();
        await Expect(page.Locator("#catalog")).ToBeHiddenAsync();
        await Expect(page.Locator("#cancel-form")).ToBeHiddenAsync();
        await Expect(page.Locator(".receipt-actions")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("receipt-print.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Artifact("receipt.pdf"), Format = "A4" });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
    }
}

/// <summary>The counter on PostgreSQL: the main flow once.</summary>
public sealed class CounterOnPostgres(PostgresCounter counter) : CounterMainFlow<PostgresCounter>(counter);

/// <summary>The counter on the embedded SQLite store: the main flow and everything else (see the other parts).</summary>
public sealed partial class CounterOnSqlite(SqliteCounter counter) : CounterMainFlow<SqliteCounter>(counter);
