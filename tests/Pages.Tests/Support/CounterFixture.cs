using Microsoft.Playwright;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// One server, one headless Chromium and one seeded community for a whole test class: starting a browser costs about
/// a second, a browser context a few milliseconds, so each test opens its own context on the shared browser.
/// </summary>
public abstract class CounterFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The API on Kestrel.</summary>
    public CounterServer Server { get; private set; } = null!;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The community, its keys and catalogue, created through the HTTP API.</summary>
    public LedgerSeed Seed { get; private set; } = null!;

    /// <summary>Screenshots and printouts for a person to look at, under the test output folder.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Before anything slow: a machine without the browser fails at once, naming the packages to install.
        Chromium.EnsureInstalled();
        Server = await StartServerAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Seed = await LedgerSeed.CreateAsync(Server);
    }

    /// <summary>A fresh browser context (its own storage) at the counter's screen size, and the counter screen in it.</summary>
    public async Task<CounterScreen> NewScreenAsync() => new(await NewPageAsync());

    /// <summary>A fresh browser context (its own storage) at the counter's screen size, and a page in it.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await DisposeStoreAsync();
    }

    protected abstract Task<CounterServer> StartServerAsync();

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;
}

/// <summary>The counter on the embedded SQLite store, in a temporary folder.</summary>
public class SqliteCounter : CounterFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-pages-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The ledger's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_folder, "ledger.db");

    protected override Task<CounterServer> StartServerAsync() =>
        Task.FromResult(CounterServer.StartOnSqlite(Directory.CreateDirectory(_folder).FullName));

    protected override Task DisposeStoreAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may hold the file a moment longer; the temporary folder is cleaned eventually.
        }

        return Task.CompletedTask;
    }
}

/// <summary>The counter on PostgreSQL (the test run's throwaway server, a database of its own).</summary>
public sealed class PostgresCounter : CounterFixture
{
    protected override Task<CounterServer> StartServerAsync() => CounterServer.StartOnPostgresAsync();
}
