using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>
/// The partner's page (/partner): a barber signs in with its partner key on a phone, serves a voucher, reads and prints
/// its settlement; the console registers partners and names a service's provider; the admin issues a partner key.
/// </summary>
public sealed class PartnerDeskOnSqlite(DeskFixture desk) : IClassFixture<DeskFixture>
{
    private const string Haircut = "haircut";

    // A barber partner providing haircuts (15 points, 12.00 yuan), its key, and a household holding two haircut vouchers.
    private async Task<(string PartnerKey, Household Household)> BarberWithVouchersAsync(string partnerId)
    {
        var seed = desk.Seed;
        using var committee = desk.Server.CreateApiClient(seed.CommitteeKey);
        await PostAsync(committee, $"/api/communities/{seed.CommunityId}/partners", new { id = partnerId, name = "长者发屋", kind = "merchant" });
        await PostAsync(committee, $"/api/communities/{seed.CommunityId}/catalog",
            new { sku = Haircut, name = "长者理发", kind = "service", points = 15, providerId = partnerId, settlementFen = 1200 });
        var key = await LedgerSeed.IssueKeyAsync(desk.Server, "partner", seed.CommunityId, "长者发屋 王师傅", partnerId);
        var household = await seed.OpenHouseholdAsync(100);
        await seed.RedeemAsync(household.Passbook, (Haircut, 2));
        return (key, household);
    }

    [Fact]
    public async Task A_partner_serves_a_voucher_on_a_phone_and_prints_its_settlement_in_chinese()
    {
        var (key, household) = await BarberWithVouchersAsync("barber-" + Guid.NewGuid().ToString("N")[..6]);
        var page = await desk.NewDeskPageAsync(390, 844);
        await page.GotoAsync("/partner");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin-form button[type=submit]");

        var vouchers = page.Locator("#voucher-list li");
        await Expect(vouchers).ToHaveCountAsync(2);
        await Expect(vouchers.First).ToContainTextAsync("长者理发");
        await Expect(vouchers.First).ToContainTextAsync(household.Passbook);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("partner-vouchers-phone.png"), FullPage = true });
        // Who is signed in reads whole on a phone: a line of its own, not cut down to one glyph beside the buttons.
        await Expect(page.Locator("#who")).ToContainTextAsync("长者发屋 王师傅");
        Assert.True(await page.Locator("#who").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth && e.clientWidth > 300"),
            "The signed-in line is cut short on a phone.");
        await vouchers.First.Locator("button").ClickAsync();
        await Expect(page.Locator("#vouchers-message")).ToContainTextAsync("已核销");
        await Expect(vouchers).ToHaveCountAsync(1);

        // The settlement of this month: one haircut, 15 points, 12.00 yuan.
        await page.ClickAsync("#settlement-form button[type=submit]");
        await Expect(page.Locator("#settlement-lines")).ToContainTextAsync("长者理发");
        await Expect(page.Locator("#settlement-amount")).ToHaveTextAsync("12.00");
        await Expect(page.Locator("#settlement-count")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("partner-settlement-phone.png"), FullPage = true });
        var title = await GlyphInspector.InspectAsync(page.Locator("header h1"), DeskFixture.Artifact("partner-title-zh.png"));
        Assert.True(title.AllDrawn, $"The title is not drawn as Chinese: {title}");

        // Printed: the server's page written into a window this page opened, no key in any address. The print dialog is
        // stood in for, so the test can print the window to PDF itself.
        await page.Context.AddInitScriptAsync("window.print = () => { document.documentElement.dataset.printed = 'yes'; };");
        var printed = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#settlement-print"));
        await Expect(printed.Locator("html[data-printed=yes]")).ToHaveCountAsync(1);
        await Expect(printed.Locator("h1")).ToHaveTextAsync("核销结算单");
        await Expect(printed.Locator("tr.total")).ToContainTextAsync("12.00");
        await Expect(printed.Locator(".signatures")).ToContainTextAsync("社区两委（签章）");
        Assert.DoesNotContain(key, printed.Url);
        await printed.SetViewportSizeAsync(794, 1123);
        await printed.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await printed.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("partner-settlement-print.png"), FullPage = true });
        var pdf = await printed.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true });
        Assert.Equal(1, ConsoleOnSqlite.PdfPages(pdf));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#settlement-csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("\uFEFF服务编号,服务名称,核销数量,积分,结算金额（分）,结算金额（元）", csv);
        Assert.DoesNotContain(key, await page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage)) + document.cookie"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_committee_registers_a_partner_and_names_it_the_provider_and_the_admin_issues_it_a_key()
    {
        var seed = desk.Seed;
        var partnerId = "canteen-" + Guid.NewGuid().ToString("N")[..6];
        await using var screen = await ConsoleScreen.NewAsync(desk);
        var page = screen.Page;
        await screen.SignInAsync(seed.CommitteeKey);
        await screen.GoAsync("partners");

        await page.FillAsync("#partner-id", partnerId);
        await page.FillAsync("#partner-name", "长者食堂");
        await page.SelectOptionAsync("#partner-kind", "social-organisation");
        await page.ClickAsync("#partner-submit");
        await Expect(page.Locator("#partner-message")).ToHaveTextAsync("已登记：长者食堂");
        await page.SelectOptionAsync("#provision-sku", LedgerSeed.CarWash.Sku);
        await page.SelectOptionAsync("#provision-partner", partnerId);
        await page.FillAsync("#provision-yuan", "3.5");
        await page.ClickAsync("#provision-submit");
        await Expect(page.Locator("#provision-message")).ToContainTextAsync("每张结算 3.50 元");
        var row = page.Locator("#partner-list tr", new() { HasText = partnerId });
        await Expect(row).ToContainTextAsync("社会组织");
        await Expect(row).ToContainTextAsync($"{LedgerSeed.CarWash.Name}（3.50）");
        await screen.ShotAsync("console-partners.png");

        var admin = await desk.NewDeskPageAsync();
        await admin.GotoAsync("/admin");
        await admin.FillAsync("#api-key", CounterServer.AdminKey);
        await admin.ClickAsync("#signin-form button[type=submit]");
        await Expect(admin.Locator("#community-table tbody")).ToContainTextAsync(seed.CommunityName);
        await admin.SelectOptionAsync("#issue-form select[name=communityId]", seed.CommunityId);
        await admin.SelectOptionAsync("#issue-form select[name=role]", "partner");
        await Expect(admin.Locator($"#issue-form select[name=partnerId] option[value='{partnerId}']")).ToHaveCountAsync(1);
        await admin.SelectOptionAsync("#issue-form select[name=partnerId]", partnerId);
        await admin.FillAsync("#issue-form input[name=label]", "长者食堂 前台");
        await admin.ClickAsync("#issue-form button[type=submit]");
        await Expect(admin.Locator("#issued")).ToBeVisibleAsync();
        var key = await admin.InputValueAsync("#issued-key");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("admin-partner-key.png"), FullPage = true });

        using var partner = desk.Server.CreateApiClient(key);
        var me = await partner.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(("partner", partnerId), (me.GetProperty("role").GetString(), me.GetProperty("partnerId").GetString()));
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Both_languages_have_a_word_for_every_key_of_the_partner_page_and_the_console()
    {
        var browser = await desk.NewDeskPageAsync();
        await browser.GotoAsync("/partner");

        var missing = await browser.EvaluateAsync<string[]>("""
            async () => {
              const missing = [];
              for (const page of ['partner', 'console', 'admin', 'home']) {
                const { zh } = await import(`/${page}/words-zh.js`);
                const { en } = await import(`/${page}/words-en.js`);
                missing.push(...Object.keys(zh).filter(k => !(k in en)).map(k => `${page}: en lacks ${k}`),
                             ...Object.keys(en).filter(k => !(k in zh)).map(k => `${page}: zh lacks ${k}`));
              }
              return missing;
            }
            """);

        Assert.Empty(missing);
        await browser.Context.CloseAsync();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new HttpRequestException($"POST {path}: {text}");
    }
}
