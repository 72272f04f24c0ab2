using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>The administration desk (/admin), the landing page and the API reference, in zh-CN.</summary>
public sealed class AdminDeskOnSqlite(DeskFixture desk) : IClassFixture<DeskFixture>
{
    [Fact]
    public async Task An_admin_issues_lists_and_revokes_a_clerk_key_and_the_counter_then_refuses_it()
    {
        var page = await desk.NewDeskPageAsync();
        await page.GotoAsync("/admin");
        await page.FillAsync("#api-key", CounterServer.AdminKey);
        await page.ClickAsync("#signin-form button[type=submit]");
        await Expect(page.Locator("#community-table tbody")).ToContainTextAsync(desk.Seed.CommunityName);

        // Issue: the key is shown once, with a QR code drawn from it.
        await page.SelectOptionAsync("#issue-form select[name=role]", "clerk");
        await page.SelectOptionAsync("#issue-form select[name=communityId]", desk.Seed.CommunityId);
        await page.FillAsync("#issue-form input[name=label]", "柜台三号 王芳");
        await page.ClickAsync("#issue-form button[type=submit]");
        await Expect(page.Locator("#issued")).ToBeVisibleAsync();
        var key = await page.InputValueAsync("#issued-key");
        Assert.StartsWith("lgr_", key);
        await page.WaitForFunctionAsync("() => document.getElementById('issued-qr').naturalWidth > 100");
        var row = page.Locator("#key-table tbody tr", new() { HasText = "柜台三号 王芳" });
        await Expect(row).ToContainTextAsync("超市管理员");
        await Expect(row).ToContainTextAsync(desk.Seed.CommunityName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("admin-issued.png"), FullPage = true });
        Assert.DoesNotContain(key, await page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))"));

        // The counter signs in with it.
        var counter = await desk.NewDeskPageAsync(1024, 768);
        await counter.GotoAsync("/counter");
        await counter.FillAsync("#api-key", key);
        await counter.ClickAsync("#signin-form button[type=submit]");
        await Expect(counter.Locator("#signed-in")).ToBeVisibleAsync();

        // Revoke with a reason; the row says when and why.
        await page.ClickAsync("#close-issued");
        await row.Locator("button.danger").ClickAsync();
        await page.FillAsync("#revoke-reason", "平板丢失");
        await page.ClickAsync("#revoke-form button[type=submit]");
        await Expect(page.Locator("#keys-message")).ToContainTextAsync("已吊销");
        await Expect(row).ToContainTextAsync("平板丢失");
        await Expect(row.Locator("button.danger")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("admin-revoked.png"), FullPage = true });

        // The counter is refused from its next request on.
        var again = await desk.NewDeskPageAsync(1024, 768);
        await again.GotoAsync("/counter");
        await again.FillAsync("#api-key", key);
        await again.ClickAsync("#signin-form button[type=submit]");
        await Expect(again.Locator("#signin-message")).ToHaveTextAsync("密钥不正确，请核对后重新输入。");
        await Expect(again.Locator("#signed-in")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
        await counter.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_registers_a_community_and_sees_the_district_ranking_on_a_phone()
    {
        var page = await desk.NewDeskPageAsync(390, 844);
        await page.GotoAsync("/admin");
        await page.FillAsync("#api-key", CounterServer.AdminKey);
        await page.ClickAsync("#signin-form button[type=submit]");
        var id = "admin-" + Guid.NewGuid().ToString("N")[..6];

        await page.FillAsync("#community-form input[name=id]", id);
        await page.FillAsync("#community-form input[name=name]", "新溪社区");
        await page.FillAsync("#community-form input[name=district]", "龙湖区");
        await page.FillAsync("#community-form input[name=street]", "新溪街道");
        await page.ClickAsync("#community-form button[type=submit]");

        await Expect(page.Locator("#community-message")).ToContainTextAsync("已登记社区 新溪社区");
        await Expect(page.Locator("#community-table tbody")).ToContainTextAsync(id);
        await page.SelectOptionAsync("#ranking-form select[name=district]", "龙湖区");
        await page.ClickAsync("#ranking-form button[type=submit]");
        await Expect(page.Locator("#ranking-table tbody tr").First).ToContainTextAsync("1");
        await Expect(page.Locator("#ranking-table tbody")).ToContainTextAsync("新溪社区");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("admin-phone.png"), FullPage = true });

        // A bidirectional override in a name is refused, and nothing is registered.
        await page.FillAsync("#community-form input[name=id]", id + "x");
        await page.FillAsync("#community-form input[name=name]", "新溪\u202E社区");
        await page.FillAsync("#community-form input[name=district]", "龙湖区");
        await page.FillAsync("#community-form input[name=street]", "新溪街道");
        await page.ClickAsync("#community-form button[type=submit]");
        await Expect(page.Locator("#community-message")).ToContainTextAsync("请检查填写的内容");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("home")]
    [InlineData("admin")]
    [InlineData("audit")]
    public async Task Both_languages_have_a_word_for_every_key(string page)
    {
        var browser = await desk.NewDeskPageAsync();
        await browser.GotoAsync("/");

        var missing = await browser.EvaluateAsync<string[]>("""
            async page => {
              const { zh } = await import(`/${page}/words-zh.js`);
              const { en } = await import(`/${page}/words-en.js`);
              return [...Object.keys(zh).filter(k => !(k in en)).map(k => `en lacks ${k}`),
                      ...Object.keys(en).filter(k => !(k in zh)).map(k => `zh lacks ${k}`)];
            }
            """, page);

        Assert.Empty(missing);
        await browser.Context.CloseAsync();
    }

    [Fact]
    public async Task The_landing_page_leads_to_every_desk_and_the_api_reference_renders_from_this_server_only()
    {
        var page = await desk.NewDeskPageAsync();
        var foreign = new List<string>();
        var refused = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(desk.Server.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        foreach (var (name, href) in new[] { ("超市柜台", "/counter"), ("两委工作台", "/console"), ("街道管理", "/admin"), ("审计台", "/audit"), ("接口文档", "/docs") })
        {
            await Expect(page.Locator($"a[href='{href}']")).ToContainTextAsync(name);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("home.png"), FullPage = true });
        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("a[href='/audit']")).ToContainTextAsync("Auditor's desk");

        // The reference's script is about 5 MB: give a busy machine time to load it.
        await page.GotoAsync("/docs/", new() { Timeout = 60_000, WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.GetByText("Service Supermarket Ledger API").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByText("/api/keys/{keyId}/revoke").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("docs.png") });

        Assert.Empty(foreign);
        Assert.Empty(refused);
        await page.Context.CloseAsync();
    }
}
