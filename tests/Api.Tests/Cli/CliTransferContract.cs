using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests.Cli;

/// <summary><c>export</c> and <c>import</c> through the verbs: a round trip into a new SQLite file reproduces every hash.</summary>
public abstract class CliTransferContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    [Fact]
    public async Task An_export_imports_into_an_empty_store_that_verifies_and_exports_the_same_bytes_but_never_into_a_full_one()
    {
        await DomainSetup.CreateAsync(api, $"cli-x-{Guid.NewGuid():N}"[..16], $"X{Guid.NewGuid():N}"[..12]);
        var folder = Path.Combine(Path.GetTempPath(), "ledger-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (file, again, copy) = (Path.Combine(folder, "a.ndjson"), Path.Combine(folder, "b.ndjson"), Path.Combine(folder, "copy.db"));

        var exported = await CliRun.OnAsync(api, "export", "--out", file);
        var imported = await CliRun.RunAsync(["import", "--store", "sqlite", "--sqlite-path", copy, "--in", file]);
        var verified = await CliRun.RunAsync(["verify", "--store", "sqlite", "--sqlite-path", copy]);
        var reexported = await CliRun.RunAsync(["export", "--store", "sqlite", "--sqlite-path", copy, "--out", again]);
        var refused = await CliRun.OnAsync(api, "import", "--in", file);

        Assert.Equal((0, 0, 0, 0), (exported.ExitCode, imported.ExitCode, verified.ExitCode, reexported.ExitCode));
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(again));
        Assert.Contains((await api.Store.ReadHeadAsync()).Hash, imported.Out);
        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class CliTransferOnSqlite(SqliteApi api) : CliTransferContract<SqliteApi>(api);

public sealed class CliTransferOnPostgres(PostgresApi api) : CliTransferContract<PostgresApi>(api);
