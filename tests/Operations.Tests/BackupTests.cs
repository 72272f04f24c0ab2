using System.Net;
using Ledger.Operations.Tests.Support;

namespace Ledger.Operations.Tests;

/// <summary><c>backup --out FILE</c> on a SQLite ledger that is being written to: the copy is consistent and verifies.</summary>
public sealed class BackupTests : IDisposable
{
    private const string AdminKey = "lgr_operations-test-admin-key-long-enough-0";
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-backup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_backup_taken_under_concurrent_writes_verifies_and_holds_every_write_acknowledged_before_it_began()
    {
        var ledger = Path.Combine(_folder, "ledger.db");
        var copy = Path.Combine(_folder, "backup", "copy.db");
        await using var api = ApiProcess.Start(_folder, new Dictionary<string, string> { ["Ledger:SqlitePath"] = ledger, ["Ledger:AdminKey"] = AdminKey });
        await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = api.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await client.PostAsync("/api/communities", new StringContent(
                    $$"""{"id":"c{{w}}-{{i}}","name":"社区","district":"龙湖区","street":"外砂街道"}""", System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref acknowledged);
            }
        })).ToList();
        while (Volatile.Read(ref acknowledged) < 50)
        {
            await Task.Delay(20);
        }

        var before = Volatile.Read(ref acknowledged);
        await using var backup = ApiProcess.Start(_folder, new Dictionary<string, string>(), ["backup", "--sqlite-path", ledger, "--out", copy]);
        var backupExit = await backup.WaitForExitAsync(TimeSpan.FromSeconds(120));
        var after = Volatile.Read(ref acknowledged);
        await Task.Delay(200); // writes go on after the copy, too
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(backupExit == 0, string.Join('\n', backup.Error.Concat(backup.Output)));
        var summary = Assert.Single(backup.Output);
        await using var verify = ApiProcess.Start(_folder, new Dictionary<string, string>(), ["verify", "--sqlite-path", copy]);
        Assert.True(await verify.WaitForExitAsync(TimeSpan.FromSeconds(120)) == 0, string.Join('\n', verify.Error.Concat(verify.Output)));
        // Each community is one event; the admin key bootstrap wrote one more before them.
        var events = long.Parse(summary.Split(' ')[1]);
        Assert.InRange(events - 1, before, after);
        Assert.True(Volatile.Read(ref acknowledged) > after, "the server stopped writing while the backup ran");
    }

    [Fact]
    public async Task Backup_never_overwrites_a_file_and_refuses_postgresql_with_the_tools_to_use()
    {
        var existing = Path.Combine(_folder, "copy.db");
        await File.WriteAllTextAsync(existing, "an earlier backup");
        var ledger = Path.Combine(_folder, "ledger.db");
        await File.WriteAllTextAsync(ledger, "");

        await using var overwrite = ApiProcess.Start(_folder, new Dictionary<string, string>(), ["backup", "--sqlite-path", ledger, "--out", existing]);
        await using var postgres = ApiProcess.Start(_folder, new Dictionary<string, string>(),
            ["backup", "--store", "postgres", "--connection", "Host=127.0.0.1;Database=ledger", "--out", Path.Combine(_folder, "pg.db")]);

        Assert.Equal(1, await overwrite.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exists", Assert.Single(overwrite.Error));
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(existing));
        Assert.Equal(1, await postgres.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("pg_basebackup", Assert.Single(postgres.Error));
    }
}
