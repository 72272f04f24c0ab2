using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests.Support;

/// <summary>The committee console as a committee member uses it, in a browser context of its own.</summary>
public sealed class ConsoleScreen(IPage page) : IAsyncDisposable
{
    /// <summary>A village office PC's screen.</summary>
    public static readonly ViewportSize OfficePc = new() { Width = 1366, Height = 768 };

    /// <summary>A phone held upright.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The browser page.</summary>
    public IPage Page { get; } = page;

    /// <summary>A console in a fresh context (its own storage) of <paramref name="fixture"/>'s browser.</summary>
    public static async Task<ConsoleScreen> NewAsync(CounterFixture fixture, ViewportSize? size = null, string locale = "zh-CN")
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = size ?? OfficePc,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return new ConsoleScreen(await context.NewPageAsync());
    }

    /// <summary>Closes the page's browser context.</summary>
    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());

    /// <summary>Opens <c>/console</c> and signs in with <paramref name="key"/>.</summary>
    public async Task SignInAsync(string key, string? lang = null)
    {
        await Page.GotoAsync(lang is null ? "console" : $"console?lang={lang}");
        await Expect(Page.Locator("html[data-ready=true]")).ToHaveCountAsync(1);
        await Page.Locator("#api-key").FillAsync(key);
        await Page.Locator("#signin-form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("#signed-in")).ToBeVisibleAsync();
    }

    /// <summary>Shows a screen from the navigation row.</summary>
    public Task GoAsync(string screen) => Page.Locator($"#nav button[data-screen={screen}]").ClickAsync();

    /// <summary>Finds households and opens the one with <paramref name="passbook"/>.</summary>
    public async Task OpenHouseholdAsync(string search, string passbook)
    {
        await GoAsync("households");
        await Page.Locator("#search-q").FillAsync(search);
        await Page.Locator("#search-q").PressAsync("Enter");
        await Page.Locator($"#search-results button[data-passbook='{passbook}']").ClickAsync();
        await Expect(Page.Locator("#household-title")).ToContainTextAsync(passbook);
    }

    /// <summary>Saves a screenshot of the page for a person to look at.</summary>
    public Task ShotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(CounterFixture.ArtifactsFolder, name), FullPage = fullPage });
}

/// <summary>A community of its own for a console test, set up through the HTTP API like <see cref="LedgerSeed"/>.</summary>
public sealed class ConsoleCommunity(CounterServer server, LedgerSeed seed)
{
    /// <summary>The community, its keys and catalogue.</summary>
    public LedgerSeed Seed { get; } = seed;

    /// <summary>A new community with an item that earns 10 points (at most 30 a month) and one that deducts 20.</summary>
    public static async Task<ConsoleCommunity> CreateAsync(CounterServer server)
    {
        var community = new ConsoleCommunity(server, await LedgerSeed.CreateAsync(server));
        await community.PostAsync("rules", new { id = "clean-up", name = "人居环境整治", category = "人居环境", points = 10, monthlyCap = 30 });
        await community.PostAsync("rules", new { id = "litter", name = "乱扔垃圾", category = "扣分", points = -20 });
        return community;
    }

    /// <summary>Opens <paramref name="count"/> households of three members each, passbooks <c>{prefix}-001</c>...</summary>
    public async Task<IReadOnlyList<Household>> OpenHouseholdsAsync(string prefix, int count, string[]? surnames = null)
    {
        var names = surnames ?? ["陈", "林", "黄", "张", "李", "王", "吴", "郑", "许", "蔡"];
        var list = new List<Household>();
        for (var i = 1; i <= count; i++)
        {
            var s = names[(i - 1) % names.Length];
            var household = new Household($"{prefix}-{i:000}", $"{s}建国{i}", [$"{s}建国{i}", $"何秀兰{i}", $"{s}小明{i}"]);
            await PostAsync("households", new { passbook = household.Passbook, headName = household.HeadName, members = household.Members });
            list.Add(household);
        }

        return list;
    }

    /// <summary>Awards the item <paramref name="ruleId"/> to a member of a household.</summary>
    public Task<JsonElement> AwardAsync(string passbook, string ruleId, string? member = null) =>
        PostAsync("awards", new { passbook, ruleId, member });

    /// <summary>A household's balance.</summary>
    public Task<long> BalanceAsync(string passbook) => Seed.BalanceAsync(passbook);

    /// <summary>GETs an API path with the committee key.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var client = server.CreateApiClient(Seed.CommitteeKey);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    /// <summary>POSTs to <c>/api/communities/{cid}/{path}</c> with the committee key.</summary>
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var client = server.CreateApiClient(Seed.CommitteeKey);
        using var response = await client.PostAsJsonAsync($"/api/communities/{Seed.CommunityId}/{path}", body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new HttpRequestException($"POST {path}: {text}");
    }
}
