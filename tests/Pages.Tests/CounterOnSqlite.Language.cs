using Ledger.Pages.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>Chinese by default, English on request, remembered across visits.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task Chinese_is_the_default_and_the_English_switch_is_remembered_until_switched_back()
    {
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        await screen.OpenAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(screen.Title).ToHaveTextAsync("积分超市柜台");
        await Expect(page).ToHaveTitleAsync("积分超市柜台");

        await screen.LanguageSwitch.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(screen.Title).ToHaveTextAsync("Points Supermarket Counter");
        await Expect(page.Locator("label[for=api-key]")).ToHaveTextAsync("Counter key");
        await Expect(screen.LanguageSwitch).ToHaveTextAsync("中文");

        await page.ReloadAsync();
        await Expect(screen.Title).ToHaveTextAsync("Points Supermarket Counter");

        await page.GotoAsync("counter?lang=zh-CN");
        await Expect(screen.Title).ToHaveTextAsync("积分超市柜台");
        await page.GotoAsync("counter");
        await Expect(screen.Title).ToHaveTextAsync("积分超市柜台");
    }

    [Fact]
    public async Task The_lang_parameter_opens_the_page_in_English_and_messages_on_screen_follow_a_switch()
    {
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync("en");
        await Expect(screen.Title).ToHaveTextAsync("Points Supermarket Counter");
        await screen.SignInAsync(Seed.ClerkKey);
        await Expect(screen.Page.Locator("label[for=passbook]")).ToHaveTextAsync("Passbook no.");

        await screen.ScanAsync("NOBODY-7");
        await screen.Page.ScreenshotAsync(new() { Path = Artifact("counter-en.png") });
        await Expect(screen.LookupMessage).ToHaveTextAsync("No such passbook in this community: \"NOBODY-7\".");

        await screen.LanguageSwitch.ClickAsync();
        await Expect(screen.LookupMessage).ToHaveTextAsync("本社区没有存折号“NOBODY-7”。");
        await Expect(screen.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("lang=zh-CN"));
    }
}
