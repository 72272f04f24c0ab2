using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>The resident's statement, opened from the counter.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task The_clerk_prints_a_households_statement_in_chinese_from_an_english_counter_without_the_key_in_an_address()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var addresses = new List<string>();
        page.Context.Request += (_, request) => addresses.Add(request.Url);
        await screen.OpenAsync("en");
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);

        var statement = await page.RunAndWaitForPopupAsync(() => page.Locator("#household-statement").ClickAsync());

        await Expect(statement.Locator("h1")).ToHaveTextAsync("积分存折明细");
        await Expect(statement.Locator("tr.line")).ToHaveCountAsync(1);
        Assert.Equal("about:blank", statement.Url);
        Assert.DoesNotContain(addresses, a => a.Contains(Seed.ClerkKey, StringComparison.Ordinal));
    }
}
