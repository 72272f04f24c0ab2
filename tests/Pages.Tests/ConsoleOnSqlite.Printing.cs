using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>What the console prints: the honour roll poster, passbook cards, and the passbook statement.</summary>
public sealed partial class ConsoleOnSqlite
{
    [Fact]
    public async Task The_poster_of_a_top_20_roll_prints_on_one_A4_page()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var households = await community.OpenHouseholdsAsync("TP", 24);
        foreach (var (household, i) in households.Select((h, i) => (h, i)))
        {
            // Three awards each, to three members, so every poster line lists three members' points.
            for (var m = 0; m < 3 && m <= i % 3; m++)
            {
                await community.AwardAsync(household.Passbook, "clean-up", household.Members[m]);
            }
        }

        await community.PostAsync("honor-rolls", new { period = ThisMonth(), top = 20 });
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var poster = screen.Page;
        await poster.GotoAsync($"api/communities/{community.Seed.CommunityId}/honor-rolls/{ThisMonth()}?format=html");

        await Expect(poster.Locator("tbody tr")).ToHaveCountAsync(24); // ties at rank 20 are all listed
        var pdf = await poster.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Path = Artifact("poster-top20.pdf") });
        Assert.Equal(1, PdfPages(pdf));
        // What the paper shows, for a person to look at: the print style at A4's width.
        await poster.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await poster.SetViewportSizeAsync(794, 1123);
        await poster.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("poster-top20-print.png"), FullPage = true });
    }

    [Fact]
    public async Task Passbook_cards_print_four_to_an_A4_sheet_with_the_passbook_number_as_a_QR_code()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        await community.OpenHouseholdsAsync("QR", 4);
        await using var screen = await ConsoleScreen.NewAsync(fixture);
        var page = screen.Page;
        await screen.SignInAsync(community.Seed.CommitteeKey);
        await page.EvaluateAsync("() => { window.print = () => { document.documentElement.dataset.printed = document.body.dataset.print; }; }");

        await page.Locator("#search-q").FillAsync("QR-");
        await page.Locator("#search-q").PressAsync("Enter");
        await page.Locator("#cards-found").ClickAsync();

        await Expect(page.Locator("html[data-printed=cards]")).ToHaveCountAsync(1);
        var cards = page.Locator("#cards .passbook-card");
        await Expect(cards).ToHaveCountAsync(4);
        await Expect(cards.First.Locator(".card-passbook")).ToHaveTextAsync("QR-001");
        // The code is the server's SVG, shown from a blob: address (no key in any URL) and drawn.
        var image = cards.First.Locator("img");
        Assert.StartsWith("blob:", await image.GetAttributeAsync("src"));
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, Path = Artifact("cards.pdf") });
        Assert.Equal(1, PdfPages(pdf));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.SetViewportSizeAsync(794, 1123);
        await screen.ShotAsync("console-cards-print.png");
    }

    [Fact]
    public async Task The_statement_opens_in_a_window_of_its_own_in_chinese_in_an_english_browser_without_the_key_in_any_address()
    {
        var community = await ConsoleCommunity.CreateAsync(fixture.Server);
        var household = (await community.OpenHouseholdsAsync("ST", 1))[0];
        await community.AwardAsync(household.Passbook, "clean-up");
        await using var screen = await ConsoleScreen.NewAsync(fixture, locale: "en-US");
        var page = screen.Page;
        var addresses = new List<string>();
        page.Context.Request += (_, request) => addresses.Add(request.Url);
        await screen.SignInAsync(community.Seed.CommitteeKey, lang: "zh");
        await screen.OpenHouseholdAsync(household.Passbook, household.Passbook);

        var statement = await page.RunAndWaitForPopupAsync(() => page.Locator("#household-statement").ClickAsync());
        await Expect(statement.Locator("h1")).ToHaveTextAsync("积分存折明细");
        await Expect(statement.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(statement.Locator("tr.line")).ToHaveCountAsync(1);
        // The linked stylesheet applied in the opened window, which keeps the console's policy against inline styles.
        Assert.Equal("collapse", await statement.Locator("table").EvaluateAsync<string>("t => getComputedStyle(t).borderCollapse"));
        Assert.Equal("about:blank", statement.Url);
        Assert.DoesNotContain(addresses, a => a.Contains(community.Seed.CommitteeKey, StringComparison.Ordinal));
        await statement.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("statement-window.png"), FullPage = true });
        var pdf = await statement.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.Equal(1, PdfPages(pdf));
    }
}
