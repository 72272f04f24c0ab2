using System.Globalization;
using Xunit.Abstractions;

namespace Ledger.Operations.Tests.Failover;

/// <summary>
/// The failover drill (issue 26): the API on a Patroni pair survives the SIGKILL of the primary's node under load.
/// <c>LEDGER_FAILOVER_RUNS</c> sets how many runs (default 1, which CI runs; <c>ops/failover/drill.sh 10</c> runs ten).
/// Each run's answers are kept as NDJSON beside the summary in the folder printed at the end.
/// </summary>
public sealed class FailoverDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_primary_under_load_loses_no_acknowledged_write_and_every_answer_in_the_window_is_a_503()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_FAILOVER_RUNS"), out var n) && n > 0 ? n : 1;
        var folder = Directory.CreateTempSubdirectory("ledger-failover-drill-").FullName;
        var summary = new List<string>();
        var problems = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await FailoverDrill.RunAsync(folder, run);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {result.Answers.Count} answers, {result.Awards} awards and {result.Redemptions} redemptions acknowledged, " +
                $"{result.Answers.Count(a => a.Status == 503)} answered 503, {result.Answers.Count(a => a.Status >= 500 && a.Status != 503)} other 5xx; " +
                $"unavailable {result.KillToSuccessSeconds:0.00} s from the kill, {result.PromotionToSuccessSeconds:0.00} s from the promotion " +
                $"(promoted {(result.PromotionMs - result.KillMs) / 1000:0.00} s after the kill)");
            summary.Add(line);
            output.WriteLine(line);
            problems.AddRange(result.Problems.Select(p => $"run {run}: {p}"));
            Assert.NotNull(result.FirstSuccessAfterKillMs);
            Assert.NotNull(result.PromotionMs);
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, "summary.txt"), summary.Concat(problems));
        output.WriteLine($"answers and summary in {folder}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
