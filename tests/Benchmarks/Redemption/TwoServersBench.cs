using System.Globalization;
using System.Text;
using Ledger.Benchmarks.Postgres;
using Ledger.Testing;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// Issue 26's several-servers figure: the same clerks redeeming over HTTP either all at one server or split clerk by
/// clerk over two servers on the same PostgreSQL ledger (the same two processes, taking turns round by round), so the
/// only difference is whether two group-commit queues and two sets of in-process turns share the database. The
/// target: two servers' p99 within twice one server's at the same total load.
/// </summary>
public static class TwoServersBench
{
    public const double P99Target = 2.0;

    public static async Task RunAsync(BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given
            ? given
            : (await PostgresServer.GetAsync()).ConnectionString;
        var database = "ledger_servers_" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Ledger:Store"] = "postgres",
            ["ConnectionStrings:Ledger"] = await PostgresRaw.CreateDatabaseAsync(admin, database, cancellationToken),
            ["Ledger:AdminKey"] = CounterQueue.AdminKey,
        };
        var clerkCounts = options.Clerks ?? RedeemBench.ClerkCounts;
        var dll = options.ApiDll ?? ApiProcess.DefaultDll;
        try
        {
            await using var first = await ApiProcess.StartAsync(dll, settings, cancellationToken);
            await using var second = await ApiProcess.StartAsync(dll, settings, cancellationToken);
            Console.Error.WriteLine($"  seeding {options.Households:N0} households, {CounterQueue.HotItems.Length} hot items over HTTP (two servers)");
            using var queue = await CounterQueue.SeedAsync(first.Address, options.Households, clerkCounts.Max(), options.ItemHistory, cancellationToken);
            var (section, holds) = await MeasureAsync(options, clerkCounts, queue, [first.Address, second.Address], cancellationToken);
            report.AddSection(section, holds);
        }
        finally
        {
            await PostgresRaw.DropDatabaseAsync(admin, database);
        }
    }

    private static async Task<(string Section, bool Holds)> MeasureAsync(
        BenchOptions options, IReadOnlyList<int> clerkCounts, CounterQueue queue, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        var slice = TimeSpan.FromSeconds(options.Seconds / options.Rounds);
        var md = new StringBuilder();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Two API servers on one PostgreSQL ledger, redemptions over HTTP ({options.Households:N0} households, {CounterQueue.HotItems.Length} hot items; ") +
            "\"one\": every clerk at the first server, \"two\": clerks split over both; the two take turns in each round):");
        md.AppendLine();
        md.AppendLine("| clerks | one: redemptions/s | one: p50 ms | one: p99 ms | two: redemptions/s | two: p50 ms | two: p99 ms | p99 two ÷ one | failures | load average | holds |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        var holds = true;
        foreach (var clerks in clerkCounts)
        {
            var (one, two) = (LatencySamples.Empty, LatencySamples.Empty);
            var loadBefore = LoadAverage();
            for (var round = 0; round < options.Rounds; round++)
            {
                // Both servers JIT their whole HTTP path on first use: a longer warm-up in the first round.
                var warmup = round == 0 ? TimeSpan.FromSeconds(Math.Max(10, options.Warmup.TotalSeconds)) : options.Warmup;
                // Alternating order, so neither setting always runs right after the other's writes.
                foreach (var split in round % 2 == 0 ? [false, true] : new[] { true, false })
                {
                    var turn = await LatencyLoop.RunAsync(queue.Clerks(clerks, split ? servers : null), warmup, slice, cancellationToken);
                    (one, two) = split ? (one, two.Add(turn)) : (one.Add(turn), two);
                }

                Console.Error.WriteLine($"  two servers x{clerks} round {round + 1}: one {one.PerSecond:N0}/s p99 {one.P99:F1} ms, two {two.PerSecond:N0}/s p99 {two.P99:F1} ms");
            }

            var ratio = two.P99 / one.P99;
            var ok = one.Failures + two.Failures == 0 && ratio <= P99Target;
            holds &= ok;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {clerks} | {one.PerSecond:N0} | {one.P50:F1} | {one.P99:F1} | {two.PerSecond:N0} | {two.P50:F1} | {two.P99:F1} | {ratio:F2} | {one.Failures + two.Failures} | {loadBefore} → {LoadAverage()} | {(ok ? "yes" : "**NO**")} |");
        }

        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Target: two servers' p99 ≤ {P99Target:F1}× one server's at the same clerks, with no failed redemption. Both servers, their database and ") +
            "the HTTP clients share the machine's cores, so the second server adds no capacity here: the figure shows what sharing the ledger costs.");
        return (md.ToString(), holds);
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
