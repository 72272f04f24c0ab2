using System.Globalization;
using System.Text;
using Ledger.Benchmarks.Redemption;

namespace Ledger.Benchmarks.Compare;

/// <summary>The section of a <c>--compare-ref</c> run: per row of the two harnesses' reports, new ÷ old turn by turn.</summary>
public static class CompareReport
{
    /// <summary>One main-table row of one build's report in one turn.</summary>
    /// <param name="Key">"measure | backend | load", as the harness wrote it.</param>
    /// <param name="Store">The store's figure (events/s).</param>
    /// <param name="Raw">Its raw yardstick's figure in the same run.</param>
    public sealed record Row(int Turn, string Build, string Key, double Store, double Raw)
    {
        public double Ratio => Raw > 0 ? Store / Raw : double.NaN;
    }

    /// <summary>The markdown section, and whether the new build kept <see cref="BuildTurns.KeepTarget"/> of the old one everywhere.</summary>
    public static (string Markdown, bool Holds) Render(string newCommit, string oldCommit, IReadOnlyList<Row> rows, IReadOnlyList<string> loads)
    {
        var md = new StringBuilder();
        md.AppendLine(
            $"Build against build, turn by turn: new {newCommit[..12]} ÷ old {oldCommit[..12]}. In each turn both builds' harnesses run one after " +
            "the other (alternating which goes first), each measuring its store beside its own raw yardstick; the quotient is of the two " +
            "store ÷ raw ratios, so the machine's drift between turns cancels and so does any change of the yardstick itself (a newer driver).");
        md.AppendLine();
        md.AppendLine("| measure | backend | load | (store ÷ raw) new ÷ old, per turn | median | store ÷ raw, new / old (medians) | store new ÷ old, median | raw new ÷ old, median | holds (≥ 0.95) |");
        md.AppendLine("|---|---|---|---|--:|--:|--:|--:|---|");
        var holds = true;
        foreach (var group in rows.GroupBy(r => r.Key))
        {
            var turns = group.GroupBy(r => r.Turn)
                .Select(t => (New: t.FirstOrDefault(r => r.Build == "new"), Old: t.FirstOrDefault(r => r.Build == "old")))
                .Where(t => t.New is not null && t.Old is not null)
                .Select(t => (New: t.New!, Old: t.Old!))
                .ToList();
            var quotients = turns.Select(t => t.New.Ratio / t.Old.Ratio).ToArray();
            var median = RedeemBench.Median(quotients);
            var ok = median >= BuildTurns.KeepTarget;
            holds &= ok;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {string.Join(", ", quotients.Select(F2))} | **{F2(median)}** | " +
                $"{F2(RedeemBench.Median(turns.Select(t => t.New.Ratio).ToArray()))} / {F2(RedeemBench.Median(turns.Select(t => t.Old.Ratio).ToArray()))} | " +
                $"{F2(RedeemBench.Median(turns.Select(t => t.New.Store / t.Old.Store).ToArray()))} | " +
                $"{F2(RedeemBench.Median(turns.Select(t => t.New.Raw / t.Old.Raw).ToArray()))} | {(ok ? "yes" : "**NO**")} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"\"store new ÷ old\" and \"raw new ÷ old\" compare absolute figures of runs a minute apart: the machine's drift is in them, and the " +
            $"raw column shows how far the yardstick itself moved. Load average (1, 5, 15 min) at each turn's start: {string.Join("; ", loads)}.");
        return (md.ToString(), holds);
    }

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
