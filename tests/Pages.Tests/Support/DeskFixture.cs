using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// The administration and audit desks' fixture: the counter's server, browser and seed on a SQLite file whose path is
/// known, so a test can alter the file as an intruder would; pages open at an office screen's 1366x768.
/// </summary>
public sealed class DeskFixture : CounterFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-desk-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The ledger's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_folder, "ledger.db");

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
    public void TamperWithAwards(string passbook)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "DROP TRIGGER IF EXISTS events_are_never_updated; "
            + "UPDATE events SET data = replace(data, '\"points\":', '\"points\":9') "
            + $"WHERE stream_id = 'household-{passbook}' AND type = 'PointsAwarded.v1';";
        Assert.True(command.ExecuteNonQuery() > 0, "No award of the household was found to alter.");
    }

    /// <summary>A path under the artifacts folder, for screenshots a person looks at.</summary>
    public static string Artifact(string name) => Path.Combine(ArtifactsFolder, name);

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
