using Microsoft.Playwright;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// The administration and audit desks' fixture: the counter's server, browser and seed on SQLite, a test able to alter
/// the file as an intruder would; pages open at an office screen's 1366x768.
/// </summary>
public sealed class DeskFixture : SqliteCounter
{
    /// <summary>A fresh browser context at 1366x768 in zh-CN, and a page in it.</summary>
    public async Task<IPage> NewDeskPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Rewrites the points of a household's awards in the live file, past the append-only trigger.</summary>
    public void TamperWithAwards(string passbook) =>
        Assert.True(Ledger.Testing.SqliteTampering.AlterAwards(DatabasePath, passbook) > 0, "No award of the household was found to alter.");

    /// <summary>A path under the artifacts folder, for screenshots a person looks at.</summary>
    public static string Artifact(string name) => Path.Combine(ArtifactsFolder, name);
}
