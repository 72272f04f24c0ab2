using System.Text.Json;
using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// A village network loses answers. The browser's redemption request is let through to the real server, which
/// records it, and then the answer is thrown away so the page sees a dropped connection: exactly the case where a
/// careless retry would charge the household twice.
/// </summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task A_lost_answer_is_retried_with_the_same_Idempotency_Key_and_the_household_is_charged_once()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        var lost = await LoseAnswersAsync(screen.Page, count: 1);
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await screen.AddAsync(Rice, 2);

        await screen.RedeemAsync();

        Assert.Single(lost.AnswersThrownAway);
        Assert.Equal(2, lost.Keys.Count);
        Assert.Single(lost.Keys.Distinct());
        // The receipt shows the redemption the first (lost) request made: the retry was answered, not redone.
        await Expect(screen.ReceiptId).ToHaveTextAsync(lost.AnswersThrownAway.Single().GetProperty("redemptionId").GetString()!);
        await Expect(screen.Balance).ToHaveTextAsync("40");
        Assert.Equal(40, await Seed.BalanceAsync(household.Passbook));
    }

    [Fact]
    public async Task When_every_automatic_retry_is_lost_the_clerk_retries_by_hand_even_after_a_reload_and_the_household_is_charged_once()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        var lost = await LoseAnswersAsync(page, count: 4);
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await screen.AddAsync(Oil);

        await screen.RedeemButton.ClickAsync();
        // Three automatic retries wait 0.4 + 1.2 + 2.5 seconds before the page hands over to the clerk.
        await Expect(screen.BasketMessage).ToHaveTextAsync(
            "网络中断，兑换结果尚未确认。请按“重试”：同一单只会扣一次分。", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#pending-retry")).ToBeVisibleAsync();
        // Until the outcome is known the basket is frozen and no other household can be looked up.
        await Expect(screen.BasketMore(Oil)).ToBeDisabledAsync();
        await Expect(screen.Passbook).ToBeDisabledAsync();
        Assert.Equal(4, lost.AnswersThrownAway.Count);
        Assert.Equal(55, await Seed.BalanceAsync(household.Passbook));

        // Even a reload keeps the unconfirmed basket, and with it the key its retry must carry.
        await page.ReloadAsync();
        await Expect(screen.BasketQuantity(Oil)).ToHaveTextAsync("1");
        await Expect(screen.BasketMessage).ToHaveTextAsync("网络中断，兑换结果尚未确认。请按“重试”：同一单只会扣一次分。");
        await page.Locator("#pending-retry").ClickAsync();
        await Expect(screen.Receipt).ToBeVisibleAsync();
        await Expect(screen.Passbook).ToBeEnabledAsync();

        Assert.Equal(5, lost.Keys.Count);
        Assert.Single(lost.Keys.Distinct());
        await Expect(screen.Balance).ToHaveTextAsync("55");
        Assert.Equal(55, await Seed.BalanceAsync(household.Passbook));
    }

    /// <summary>
    /// Lets the first <paramref name="count"/> redemption requests reach the server and then drops their answers
    /// (connection reset); later ones pass untouched. Records every Idempotency-Key sent.
    /// </summary>
    private static async Task<LostAnswers> LoseAnswersAsync(IPage page, int count)
    {
        var lost = new LostAnswers();
        await page.RouteAsync("**/api/communities/*/redemptions", async route =>
        {
            lost.Keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key") ?? "");
            if (lost.AnswersThrownAway.Count >= count)
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            lost.AnswersThrownAway.Add(JsonDocument.Parse(await response.TextAsync()).RootElement.Clone());
            await route.AbortAsync("connectionreset");
        });
        return lost;
    }

    private sealed class LostAnswers
    {
        public List<string> Keys { get; } = [];

        public List<JsonElement> AnswersThrownAway { get; } = [];
    }
}
