using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests.Support;

/// <summary>The counter page as a clerk uses it: by labels and visible text, the way the tests read best.</summary>
public sealed class CounterScreen(IPage page) : IAsyncDisposable
{
    /// <summary>The browser page.</summary>
    public IPage Page { get; } = page;

    public ILocator Title => Page.Locator("#app-title");
    public ILocator SignInMessage => Page.Locator("#signin-message");
    public ILocator LookupMessage => Page.Locator("#lookup-message");
    public ILocator BasketMessage => Page.Locator("#basket-message");
    public ILocator CancelMessage => Page.Locator("#cancel-message");
    public ILocator Passbook => Page.Locator("#passbook");
    public ILocator Balance => Page.Locator("#household-balance");
    public ILocator Household => Page.Locator("#household");
    public ILocator RedeemButton => Page.Locator("#redeem");
    public ILocator Receipt => Page.Locator("#receipt");
    public ILocator ReceiptId => Page.Locator("#receipt-id");
    public ILocator LanguageSwitch => Page.Locator("#lang-switch");

    /// <summary>Closes the page's browser context (and with it the page's storage).</summary>
    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());

    /// <summary>Opens the counter (optionally with <c>?lang=</c>).</summary>
    public async Task OpenAsync(string? lang = null)
    {
        await Page.GotoAsync(lang is null ? "counter" : $"counter?lang={lang}");
        await Expect(Page.Locator("html[data-ready=true]")).ToHaveCountAsync(1);
    }

    /// <summary>Types the key and signs in, without waiting for the outcome.</summary>
    public async Task SubmitKeyAsync(string key)
    {
        await Page.Locator("#api-key").FillAsync(key);
        await Page.Locator("#signin-form button[type=submit]").ClickAsync();
    }

    /// <summary>Signs in and waits for the counter, whose passbook field then has the focus.</summary>
    public async Task SignInAsync(string key)
    {
        await SubmitKeyAsync(key);
        await Expect(Passbook).ToBeFocusedAsync();
    }

    /// <summary>Scans a passbook the way a barcode scanner does: keystrokes into the focused field, then Enter.</summary>
    public async Task ScanAsync(string passbook)
    {
        await Passbook.FocusAsync();
        await Passbook.SelectTextAsync();
        await Page.Keyboard.TypeAsync(passbook);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Scans the passbook and waits until the household is shown.</summary>
    public async Task LookUpAsync(Household household)
    {
        await ScanAsync(household.Passbook);
        await Expect(Page.Locator("#household-passbook")).ToHaveTextAsync(household.Passbook);
    }

    /// <summary>Presses the catalogue's add button of <paramref name="item"/> <paramref name="times"/> times.</summary>
    public async Task AddAsync(CatalogItem item, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            await CatalogAdd(item).ClickAsync();
        }
    }

    public ILocator CatalogAdd(CatalogItem item) => Page.Locator($"#catalog li[data-sku='{item.Sku}'] button.add");

    public ILocator BasketLine(CatalogItem item) => Page.Locator($"#basket li[data-sku='{item.Sku}']");

    public ILocator BasketQuantity(CatalogItem item) => BasketLine(item).Locator("output.quantity");

    public ILocator BasketMore(CatalogItem item) => BasketLine(item).Locator("button.step").Last;

    /// <summary>Presses Redeem and waits for the receipt.</summary>
    public async Task RedeemAsync()
    {
        await RedeemButton.ClickAsync();
        await Expect(Receipt).ToBeVisibleAsync();
        await Expect(Page.Locator("#receipt-heading")).ToBeFocusedAsync();
    }

    /// <summary>Cancels a redemption with a reason through the cancel form.</summary>
    public async Task CancelAsync(string? redemptionId, string reason)
    {
        if (redemptionId is not null)
        {
            await Page.Locator("#cancel-id").FillAsync(redemptionId);
        }

        await Page.Locator("#cancel-reason").FillAsync(reason);
        await Page.Locator("#cancel-form button[type=submit]").ClickAsync();
    }
}
