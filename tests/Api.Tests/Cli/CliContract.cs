using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Leaderboards;

namespace Ledger.Api.Tests.Cli;

/// <summary>The verbs on a clean ledger of each backend, written by the domain through a real host.</summary>
public abstract class CliContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Verify_exits_0_with_one_plain_summary_line_on_a_clean_ledger()
    {
        await DomainSetup.CreateAsync(api, NewId("cli"), NewId("V"));
        var head = await api.Store.ReadHeadAsync();

        var result = await CliRun.OnAsync(api, "verify");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("verify: ", line);
        Assert.EndsWith($"head hash {head.Hash}: intact.", line.TrimEnd());
        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public async Task Replay_at_a_position_writes_the_balances_boards_and_stock_the_api_shows_for_that_position()
    {
        var communityId = NewId("rp");
        var (first, second) = (NewId("R"), NewId("R"));
        var setup = await DomainSetup.CreateAsync(api, communityId, first, second);
        await setup.AwardAsync(first, 2);
        var cut = (await api.Store.ReadHeadAsync()).Position;
        await setup.AwardAsync(second, 3, "配偶");
        var folder = Path.Combine(Path.GetTempPath(), "ledger-cli-tests", Guid.NewGuid().ToString("N"));

        var result = await CliRun.OnAsync(api, "replay", "--at-position", cut.ToString(), "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"at position {cut}", result.Out);
        using var auditor = api.CreateClient((await api.IssueKeyAsync(Role.Auditor)).Key);
        var balances = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "balances.json"))).RootElement;
        Assert.Equal(cut, balances.GetProperty("cut").GetProperty("position").GetInt64());
        foreach (var passbook in new[] { first, second })
        {
            var expected = await auditor.GetFromJsonAsync<HouseholdResponse>($"/api/households/{passbook}?atPosition={cut}", LedgerJson.Options);
            var written = balances.GetProperty("households").EnumerateArray().Single(h => h.GetProperty("passbook").GetString() == passbook);
            Assert.Equal((expected!.Balance, expected.Earned, expected.Version),
                (written.GetProperty("balance").GetInt64(), written.GetProperty("earned").GetInt64(), written.GetProperty("version").GetInt64()));
        }

        Assert.Equal([0xEF, 0xBB, 0xBF], (await File.ReadAllBytesAsync(Path.Combine(folder, "balances.csv")))[..3]);
        var csv = await File.ReadAllLinesAsync(Path.Combine(folder, "balances.csv"));
        Assert.Equal("passbook,communityId,headName,balance,earned,deducted,corrected,redeemed,refunded,version", csv[0]);
        Assert.Contains($"{first},{communityId},户主{first},20,20,0,0,0,0,3", csv);

        var boards = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "leaderboards.json"))).RootElement
            .GetProperty("leaderboards").EnumerateArray().Where(b => b.GetProperty("communityId").GetString() == communityId).ToList();
        var month = $"{DateTimeOffset.UtcNow.AddHours(8):yyyy-MM}";
        Assert.Equal([month, $"{month[..4]}-Q{(int.Parse(month[5..]) + 2) / 3}", month[..4], "all"],
            boards.Select(b => b.GetProperty("period").GetString()).OrderBy(p => p == "all" ? 1 : 0).ThenBy(p => p!.Length == 4 ? 1 : 0).ThenBy(p => p!.Contains('Q') ? 1 : 0));
        var all = await auditor.GetFromJsonAsync<LeaderboardResponse>(
            $"/api/communities/{communityId}/leaderboard?atPosition={cut}", LedgerJson.Options);
        var allBoard = boards.Single(b => b.GetProperty("period").GetString() == "all").GetProperty("entries")
            .Deserialize<List<LeaderboardEntry>>(LedgerJson.Options);
        Assert.Equal(
            all!.Entries.Select(e => JsonSerializer.Serialize(new LeaderboardEntry(e.Rank, e.Passbook, e.HeadName, e.Points, e.Members), LedgerJson.Options)),
            allBoard!.Select(e => JsonSerializer.Serialize(e, LedgerJson.Options)));
        Assert.Equal([$"{first}:1:20"], all.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));
        Assert.True(File.Exists(Path.Combine(folder, "stock.json")) && File.Exists(Path.Combine(folder, "stock.csv")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Rebuild_rebuilds_every_read_model_and_the_ledger_still_verifies()
    {
        await DomainSetup.CreateAsync(api, NewId("rb"), NewId("B"));

        var rebuilt = await CliRun.OnAsync(api, "rebuild");
        var verified = await CliRun.OnAsync(api, "verify");

        Assert.Equal((0, ""), (rebuilt.ExitCode, rebuilt.Error));
        Assert.Matches(@"^rebuild: \d+ read models \(.*leaderboard.*catalog.*\) rebuilt from \d+ events up to position \d+\.\s*$", rebuilt.Out);
        Assert.Equal(0, verified.ExitCode);
    }

    [Theory]
    [InlineData("replay", "--as-of", "2025-03-31")]
    [InlineData("replay", "--at-position", "-4", "--out", "x")]
    [InlineData("replay", "--at-position", "4", "--as-of", "2025-03-31T00:00:00Z", "--out", "x")]
    [InlineData("replay", "--as-of", "yesterday", "--out", "x")]
    [InlineData("verify", "--frobnicate")]
    [InlineData("export")]
    [InlineData("import")]
    [InlineData("verify", "unexpected")]
    public async Task A_wrong_command_line_is_one_line_on_standard_error_and_exit_code_2(params string[] args)
    {
        var result = await CliRun.RunAsync([args[0], .. CliRun.StoreArgs(api), .. args[1..]]);

        Assert.Equal((2, ""), (result.ExitCode, result.Out));
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_option_without_its_value_or_with_a_wrong_one_is_a_usage_error()
    {
        var missing = await CliRun.RunAsync(["rebuild", "--store"]);
        var wrongType = await CliRun.RunAsync(["replay", .. CliRun.StoreArgs(api), "--at-position", "ten", "--out", "x"]);

        Assert.Equal((2, 2), (missing.ExitCode, wrongType.ExitCode));
        Assert.Contains("--store", missing.Error);
        Assert.Contains("ten", wrongType.Error);
    }

    [Fact]
    public async Task A_ledger_that_is_not_there_is_a_one_line_failure_without_a_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ledger-cli-tests", Guid.NewGuid().ToString("N"), "ledger.db");

        var sqlite = await CliRun.RunAsync(["verify", "--store", "sqlite", "--sqlite-path", missing]);
        var postgres = await CliRun.RunAsync(["verify", "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2"]);
        var neither = await CliRun.RunAsync(["verify", "--store", "oracle"]);

        foreach (var result in new[] { sqlite, postgres, neither })
        {
            Assert.Equal((1, ""), (result.ExitCode, result.Out));
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", result.Error);
        }

        Assert.Contains(missing, sqlite.Error);
        Assert.False(File.Exists(missing));
    }
}

public sealed class CliOnSqlite(SqliteApi api) : CliContract<SqliteApi>(api);

public sealed class CliOnPostgres(PostgresApi api) : CliContract<PostgresApi>(api);
