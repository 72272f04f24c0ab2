using System.Globalization;
using System.Text;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// The latency half of the redemption benchmark with sales due on a schedule (<c>--paced</c>): the same clerks, their
/// sales arriving at the throughput the target asks of the API (<see cref="RedeemBench.ThroughputTarget"/> × the raw
/// yardstick's closed-loop rate just measured), API and yardstick alike, taking turns. Reported beside the closed loop,
/// not judged: the targets stay those of the closed loop.
/// </summary>
public static class PacedArrivals
{
    public const string Header =
        "| clerks | sales due/s | API p50 ms | API p99 ms | raw p50 ms | raw p99 ms | API p99 ≤ 50 ms |\n" +
        "|--:|--:|--:|--:|--:|--:|---|";

    public const string Explanation =
        "Paced: each clerk's sales are due at random (Poisson) moments, all together at the rate in the second column, for the API " +
        "(the benchmark's clients) and the yardstick (pgbench `--rate`, or the raw loop's clerks on the same schedule) alike. A " +
        "latency counts from when the sale was due, so a sale that waits behind its clerk's previous one counts the wait, as a " +
        "resident in line would. Reported, not judged: the targets are those of the closed loop above, where N clerks can never " +
        "wait less than N ÷ throughput on average.";

    /// <summary>Runs the paced turns at one clerk count and returns the table's rows, one per build.</summary>
    public static async Task<string> MeasureAsync(
        int clerks, double perSecond, IRedeemWorkload raw, IReadOnlyList<HttpRedeem> builds, int rounds, TimeSpan slice,
        CancellationToken cancellationToken)
    {
        var rawAll = LatencySamples.Empty;
        for (var round = 0; round < rounds; round++)
        {
            // The closed loop has just warmed both up; a short warm-up lets the schedule settle.
            var warmup = round == 0 ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;
            rawAll = rawAll.Add(await raw.RunPacedAsync(clerks, perSecond, warmup, slice, cancellationToken));
            foreach (var build in round % 2 == 0 ? builds : builds.Reverse())
            {
                await build.RunPacedAsync(clerks, perSecond, warmup, slice, cancellationToken);
            }

            Console.Error.WriteLine(
                $"  paced x{clerks} at {perSecond:N0}/s round {round + 1}: {string.Join(", ", builds.Select(b => $"{b.Build} p99 {b.Paced.P99:F1} ms"))}, raw p99 {rawAll.P99:F1} ms");
        }

        var rows = new StringBuilder();
        foreach (var build in builds)
        {
            var api = build.Paced;
            var label = build == builds[0] ? $"{clerks}" : $"{clerks} ({build.Build})";
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {perSecond:N0} | {api.P50:F1} | {api.P99:F1} | {rawAll.P50:F1} | {rawAll.P99:F1} | " +
                $"{(api.P99 <= RedeemBench.P99TargetMs ? "yes" : "no")}{(api.Failures + rawAll.Failures > 0 ? $" ({api.Failures + rawAll.Failures} failed)" : "")} |");
        }

        return rows.ToString();
    }
}
