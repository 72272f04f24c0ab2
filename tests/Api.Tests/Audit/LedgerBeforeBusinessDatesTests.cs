using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Cli;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// <c>Fixtures/ledger-before-business-dates.ndjson</c> is the small Longhu pilot (4 communities, 355 events) exported by
/// the build before awards carried <c>occurredOn</c>: every award and participation in it is a <c>.v1</c> event,
/// recorded on 2026-12-07 (13:05 in Shanghai). Imported as it is, it must still verify, and its points must count
/// on their recording day: all of them in 2026-12, none in the pilot's 2024.
/// </summary>
public sealed class LedgerBeforeBusinessDatesTests
{
    private static readonly string Fixture = Path.Combine(FixturesFolder(), "ledger-before-business-dates.ndjson");

    [Fact]
    public async Task A_ledger_recorded_before_business_dates_imports_verifies_and_counts_each_entry_on_its_recording_day()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "before.db");
        var store = new[] { "--store", "sqlite", "--sqlite-path", file };

        var imported = await CliRun.RunAsync(["import", .. store, "--in", Fixture]);
        var verified = await CliRun.RunAsync(["verify", .. store]);
        var rebuilt = await CliRun.RunAsync(["rebuild", .. store]);
        Assert.Equal((0, 0, 0), (imported.ExitCode, verified.ExitCode, rebuilt.ExitCode));
        Assert.Contains("c7d12d21b39a7f173bb4afb69b29f9e106b7ce6fa7bb02a4794913aa43ce3cd3", verified.Out);

        await using var api = new SqliteApi();
        api.Settings["Ledger:SqlitePath"] = file;
        await ((IAsyncLifetime)api).InitializeAsync();
        using var auditor = api.CreateClient((await api.IssueKeyAsync(Role.Auditor, label: "审计")).Key);

        var verify = await GetJsonAsync(auditor, "/api/audit/verify");
        var board = "/api/communities/lh-jinhai/leaderboard?period=";
        var all = await GetJsonAsync(auditor, board + "all");
        var december = await GetJsonAsync(auditor, board + "2026-12");
        var pilotYear = await GetJsonAsync(auditor, board + "2024");
        var stats = await GetJsonAsync(auditor, "/api/communities/lh-jinhai/stats?period=2026-12");
        var roll = await GetJsonAsync(auditor, "/api/communities/lh-jinhai/honor-rolls/all/verify");
        var statement = await GetJsonAsync(auditor, "/api/households/JH-001/statement");

        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        Assert.Equal(Points(all), Points(december));
        Assert.Equal(371L, Points(all).Sum(p => p.Points));
        Assert.Empty(pilotYear.GetProperty("entries").EnumerateArray());
        Assert.Equal(19, stats.GetProperty("participations").GetInt64());
        Assert.True(roll.GetProperty("ok").GetBoolean(), roll.ToString());
        Assert.All(statement.GetProperty("lines").EnumerateArray(), l => Assert.Equal("2026-12-07", l.GetProperty("occurredOn").GetString()));
        Directory.Delete(folder, recursive: true);
    }

    private static List<(string Passbook, long Points)> Points(JsonElement board) =>
        [.. board.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("passbook").GetString()!, e.GetProperty("points").GetInt64()))];

    private static string FixturesFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "..", "Fixtures");
}
