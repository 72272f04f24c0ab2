using System.Data.Common;
using System.Diagnostics;
using Ledger.EventStore;
using Ledger.Leaderboards;
using Ledger.Statistics;

namespace Ledger.Benchmarks;

/// <summary>
/// Leaderboard and statistics latency through the store's read models at two ledger sizes, beside the same SELECTs
/// run directly on an open connection (the raw yardstick) in the same run. Targets: p99 ≤ 10 ms at the larger size,
/// and the larger size's p99 within 1.5× of the smaller's.
/// </summary>
public static class QueryLatency
{
    private const int Iterations = 1000;
    private const int Turn = 50;
    private const double P99TargetMs = 10;
    private const double GrowthTarget = 1.5;

    public static async Task RunAsync(string backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        await using var ledger = await QueryLedger.CreateAsync(backend, cancellationToken);
        var rows = new List<(long Events, string Query, Percentiles Store, Percentiles Raw)>();
        foreach (var size in options.ReadSizes)
        {
            var clock = Stopwatch.StartNew();
            await ledger.LoadUntilAsync(size, cancellationToken);
            var load = clock.Elapsed;
            var (store, daemon) = await ledger.OpenAsync(cancellationToken);
            clock.Restart();
            await daemon.RebuildAsync("leaderboard", cancellationToken);
            await daemon.RebuildAsync("statistics", cancellationToken);
            var rebuild = clock.Elapsed;
            Console.Error.WriteLine($"  queries: {ledger.Events:N0} events ({ledger.Months} months) loaded in {load.TotalSeconds:F1} s, projections rebuilt in {rebuild.TotalSeconds:F1} s");
            report.AddNote($"Queries, {backend}, {ledger.Events:N0} events: loaded in {load.TotalSeconds:F1} s (no projection attached), leaderboard + statistics rebuilt from zero in {rebuild.TotalSeconds:F1} s.");

            await using var raw = ledger.Raw();
            await raw.OpenAsync(cancellationToken);
            foreach (var (name, viaStore, viaRaw) in Queries(store, raw, ledger))
            {
                var (s, r) = await MeasureAsync(viaStore, viaRaw, cancellationToken);
                rows.Add((ledger.Events, name, s, r));
                Console.Error.WriteLine($"    {name}: store p50 {s.P50:F2} p99 {s.P99:F2} ms, raw p50 {r.P50:F2} p99 {r.P99:F2} ms");
            }

            await ((IAsyncDisposable)store).DisposeAsync();
        }

        var (small, large) = (rows.Min(r => r.Events), rows.Max(r => r.Events));
        var table = new List<string>
        {
            $"Queries, {backend} (ms; raw = the same SELECTs on an open connection, same run; growth = p99 at {large:N0} ÷ p99 at {small:N0}):",
            "",
            "| query | events | store p50 | store p99 | raw p50 | raw p99 | store/raw p50 | growth p50 | growth p99 | target |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var row in rows)
        {
            var baseline = rows.First(r => r.Events == small && r.Query == row.Query);
            var (g50, g99) = (row.Store.P50 / baseline.Store.P50, row.Store.P99 / baseline.Store.P99);
            var verdict = row.Events != large ? "" : row.Store.P99 <= P99TargetMs && g99 <= GrowthTarget ? "met" : "**missed**";
            table.Add($"| {row.Query} | {row.Events:N0} | {row.Store.P50:F2} | {row.Store.P99:F2} | {row.Raw.P50:F2} | {row.Raw.P99:F2} | " +
                      $"{row.Store.P50 / row.Raw.P50:F2} | {g50:F2} | {g99:F2} | {verdict} |");
        }

        report.AddNote(string.Join("\n", table));
    }

    private static IEnumerable<(string Name, Func<Task> Store, Func<Task> Raw)> Queries(ILedgerStore store, DbConnection raw, QueryLedger ledger)
    {
        var last = QueryLedger.Start.AddMonths(ledger.Months - 1);
        var month = LeaderboardPeriod.Parse(LeaderboardPeriod.MonthKey(last))!;
        var year = LeaderboardPeriod.Parse(last.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
        var cid = QueryLedger.Community(0);
        var district = QueryLedger.District(0);
        yield return ("leaderboard, month, top 10", async () => (await LeaderboardReadModel.ReadAsync(store, cid, month, default)).Rank(10),
            () => RawSql.LeaderboardAsync(raw, cid, month));
        yield return ("leaderboard, year, top 10", async () => (await LeaderboardReadModel.ReadAsync(store, cid, year, default)).Rank(10),
            () => RawSql.LeaderboardAsync(raw, cid, year));
        yield return ("community stats, month", async () =>
            {
                var community = (await StatisticsReadModel.FindCommunityAsync(store, cid, default))!;
                await StatisticsReadModel.ReadAsync(store, [community], month, default);
            },
            () => RawSql.StatsAsync(raw, [cid], month));
        var members = Enumerable.Range(0, QueryLedger.Communities).Where(c => QueryLedger.District(c) == district).Select(QueryLedger.Community).ToList();
        yield return ("district leaderboard, year", async () =>
            {
                var communities = await StatisticsReadModel.DistrictAsync(store, district, default);
                DistrictRanking.Rank(await StatisticsReadModel.ReadAsync(store, communities, year, default), DistrictRanking.ByPoints, null);
            },
            () => RawSql.StatsAsync(raw, members, year, district));
    }

    /// <summary>Warms both up, then alternates turns of each so noise from the shared machine falls on both.</summary>
    private static async Task<(Percentiles Store, Percentiles Raw)> MeasureAsync(Func<Task> store, Func<Task> raw, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Turn; i++)
        {
            await store();
            await raw();
        }

        var (storeTimes, rawTimes) = (new List<double>(Iterations), new List<double>(Iterations));
        while (storeTimes.Count < Iterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await TimeAsync(store, storeTimes);
            await TimeAsync(raw, rawTimes);
        }

        return (Percentiles.Of(storeTimes), Percentiles.Of(rawTimes));
    }

    private static async Task TimeAsync(Func<Task> query, List<double> times)
    {
        for (var i = 0; i < Turn; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await query();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}

/// <summary>p50 and p99 of a set of latencies, in milliseconds.</summary>
public sealed record Percentiles(double P50, double P99)
{
    public static Percentiles Of(List<double> times)
    {
        times.Sort();
        return new Percentiles(times[(int)(times.Count * 0.50)], times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))]);
    }
}
