using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>Signing in with a clerk key, and finding households by passbook.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_wrong_key_is_refused_with_a_clear_message_and_shows_no_data()
    {
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();

        await screen.SubmitKeyAsync("lgr_not-a-key-of-this-ledger");

        await Expect(screen.SignInMessage).ToHaveTextAsync("密钥不正确，请核对后重新输入。");
        await Expect(screen.Page.Locator("#signed-in")).ToBeHiddenAsync();
        await Expect(screen.Page.Locator("#api-key")).ToBeFocusedAsync();
        Assert.Null(await screen.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ledger.counter.key')"));
    }

    [Fact]
    public async Task A_committee_key_is_told_it_is_not_a_counter_key()
    {
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();

        await screen.SubmitKeyAsync(Seed.CommitteeKey);

        await Expect(screen.SignInMessage).ToContainTextAsync("“两委”密钥");
        await Expect(screen.Page.Locator("#signed-in")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_key_lives_in_session_storage_only_and_goes_to_the_API_as_X_Api_Key()
    {
        await using var screen = await Counter.NewScreenAsync();
        var apiRequests = new List<IRequest>();
        screen.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/", StringComparison.Ordinal))
            {
                apiRequests.Add(request);
            }
        };
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);

        Assert.Equal(Seed.ClerkKey, await screen.Page.EvaluateAsync<string>("() => sessionStorage.getItem('ledger.counter.key')"));
        var local = await screen.Page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))");
        Assert.DoesNotContain(Seed.ClerkKey, local);
        Assert.Empty(await screen.Page.Context.CookiesAsync());
        Assert.NotEmpty(apiRequests);
        Assert.All(apiRequests, r => Assert.Equal(Seed.ClerkKey, r.Headers["x-api-key"]));

        // A reload keeps the window's session; signing out forgets the key.
        await screen.Page.ReloadAsync();
        await Expect(screen.Passbook).ToBeFocusedAsync();
        await screen.Page.Locator("#sign-out").ClickAsync();
        await Expect(screen.Page.Locator("#api-key")).ToBeFocusedAsync();
        Assert.Null(await screen.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ledger.counter.key')"));
    }

    [Fact]
    public async Task A_passbook_unknown_here_or_of_another_community_says_there_is_no_such_passbook_in_this_community()
    {
        var elsewhere = await LedgerSeed.CreateAsync(Counter.Server);
        var foreign = await elsewhere.OpenHouseholdAsync(10);
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);

        await screen.ScanAsync("NO-SUCH-BOOK-1");
        await Expect(screen.LookupMessage).ToHaveTextAsync("本社区没有存折号“NO-SUCH-BOOK-1”。");
        await Expect(screen.Household).ToBeHiddenAsync();
        await Expect(screen.Passbook).ToBeFocusedAsync();

        await screen.ScanAsync(foreign.Passbook);
        await Expect(screen.LookupMessage).ToHaveTextAsync($"本社区没有存折号“{foreign.Passbook}”。");
        await Expect(screen.Household).ToBeHiddenAsync();
    }
}
