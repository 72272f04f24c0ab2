using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Ledger.Pages.Tests.Support.LedgerSeed;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>What a person sees: real Chinese glyphs, a layout that fits the counter's screen, usable by touch and keyboard.</summary>
public sealed partial class CounterOnSqlite
{
    [Fact]
    public async Task Chinese_text_is_drawn_with_real_glyphs_not_empty_boxes()
    {
        var household = await Seed.OpenHouseholdAsync(100);
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await screen.AddAsync(CarWash);

        var title = await GlyphInspector.InspectAsync(screen.Title, Artifact("title-zh.png"));
        var itemName = await GlyphInspector.InspectAsync(
            screen.Page.Locator($"#catalog li[data-sku='{Rice.Sku}'] .item-name"), Artifact("catalog-item-zh.png"));
        await screen.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("counter-zh.png") });

        Assert.Equal("积分超市柜台", string.Concat(title.Glyphs.Select(g => g.Ch)));
        Assert.True(title.AllDrawn, $"The title is not drawn as Chinese: {title}");
        Assert.True(itemName.Glyphs.Count(g => g.Ch.Length == 1 && g.Ch[0] >= '\u4e00') >= 4, itemName.ToString());
        Assert.True(itemName.AllDrawn, $"A catalogue name is not drawn as Chinese: {itemName}");
        // Hanzi are square: each is as wide as the font is tall, where a missing-glyph box is narrower.
        var fontSize = await screen.Title.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.All(title.Glyphs, g => Assert.InRange(g.Width, fontSize * 0.9, fontSize * 1.15));
    }

    [Fact]
    public async Task The_glyph_check_reports_empty_boxes_when_the_browser_has_no_Chinese_font()
    {
        // The same page in a browser whose fontconfig knows only DejaVu: what a machine without fonts-noto-cjk shows.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ledger-pages-fonts", Guid.NewGuid().ToString("N"))).FullName;
        var config = Path.Combine(folder, "fonts.conf");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{folder}/cache</cachedir></fontconfig>
            """);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright, new Dictionary<string, string> { ["FONTCONFIG_FILE"] = config });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Counter.Server.BaseAddress.ToString() });
            await new CounterScreen(page).OpenAsync();

            var title = await GlyphInspector.InspectAsync(page.Locator("#app-title"), Artifact("title-without-cjk-font.png"));

            Assert.False(title.AllDrawn, $"Boxes were taken for glyphs: {title}");
            Assert.True(title.LikeMissingGlyph.Count == title.Glyphs.Count, $"Glyphs unlike the box: {title}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_counter_fits_a_1024x768_screen_with_labelled_controls_and_large_touch_targets()
    {
        var household = await Seed.OpenHouseholdAsync(200);
        await using var screen = await Counter.NewScreenAsync();
        var page = screen.Page;
        await screen.OpenAsync();
        await screen.SignInAsync(Seed.ClerkKey);
        await screen.LookUpAsync(household);
        await screen.AddAsync(Rice);
        await screen.AddAsync(Oil);
        await screen.AddAsync(CarWash);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 1024"), "The page scrolls sideways at 1024 px.");
        await Expect(screen.RedeemButton).ToBeInViewportAsync();
        await Expect(screen.Passbook).ToBeInViewportAsync();
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#signed-in input, #signed-in select')]
              .filter(e => e.labels.length === 0).map(e => e.id)
            """);
        Assert.Empty(unlabelled);
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button')].filter(b => b.offsetParent !== null)
              .map(b => ({ b, r: b.getBoundingClientRect() }))
              .filter(({ r }) => r.width < 44 || r.height < 44)
              .map(({ b, r }) => `${b.id || b.textContent} ${r.width}x${r.height}`)
            """);
        Assert.Empty(small);
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button')].filter(b => !(b.getAttribute('aria-label') || b.textContent.trim()))
              .map(b => b.outerHTML)
            """);
        Assert.Empty(unnamed);
    }
}
