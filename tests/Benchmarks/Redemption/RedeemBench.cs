using System.Globalization;
using System.Text;
using Ledger.Benchmarks.Postgres;
using Ledger.Testing;

namespace Ledger.Benchmarks.Redemption;

/// <summary>A raw yardstick's redemption workload at a number of concurrent clerks (pgbench, or a raw SQL loop).</summary>
public interface IRedeemWorkload : IAsyncDisposable
{
    Task<LatencySamples> RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The same clerks with their sales due on a schedule, <paramref name="perSecond"/> in all (see <see cref="PacedLoop"/>).</summary>
    Task<LatencySamples> RunPacedAsync(int clerks, double perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>
/// Issue 4's benchmark: redemptions through the API over HTTP (its own process, real Kestrel on loopback, a real
/// HttpClient) at 8 and 32 concurrent clerks, on one backend, beside the same redemption done by hand in the same run
/// (pgbench on PostgreSQL, a raw SQL loop on SQLite), raw and API taking turns in each round.
/// </summary>
public static class RedeemBench
{
    /// <summary>The clerk counts the issue sets its targets at; others (<c>--clerks</c>) are reported, not judged.</summary>
    public static readonly int[] ClerkCounts = [8, 32];

    /// <summary>The API must reach this share of the raw redemptions per second...</summary>
    public const double ThroughputTarget = 0.5;

    /// <summary>...with at most this p99 at 32 clerks.</summary>
    public const double P99TargetMs = 50;

    public static async Task RunAsync(string backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("ledger-redeem-bench-");
        var databases = new List<string>();
        string? admin = null;
        try
        {
            // Each API build gets a ledger of its own: a compared build (--compare) must not find the first one's sales.
            Func<string, Task<IReadOnlyDictionary<string, string>>> settings;
            IRedeemWorkload raw;
            if (backend == "sqlite")
            {
                settings = name => Task.FromResult<IReadOnlyDictionary<string, string>>(
                    new Dictionary<string, string> { ["Ledger:Store"] = "sqlite", ["Ledger:SqlitePath"] = Path.Combine(scratch.FullName, name + ".db") });
                raw = SqliteRawRedeem.Create(Path.Combine(scratch.FullName, "raw.db"), options.Households);
            }
            else
            {
                admin = Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given
                    ? given
                    : (await PostgresServer.GetAsync()).ConnectionString;
                var prefix = "ledger_redeem_" + Guid.NewGuid().ToString("N")[..8];
                settings = async name =>
                {
                    databases.Add($"{prefix}_{name}");
                    return new Dictionary<string, string>
                    {
                        ["Ledger:Store"] = "postgres",
                        ["ConnectionStrings:Ledger"] = await PostgresRaw.CreateDatabaseAsync(admin, databases[^1], cancellationToken),
                    };
                };
                databases.Add(prefix + "_raw");
                raw = await PgBenchRedeem.CreateAsync(
                    await PostgresRaw.CreateDatabaseAsync(admin, databases[^1], cancellationToken), options.Households, cancellationToken);
            }

            await using (raw)
            {
                await MeasureAsync(backend, options, settings, raw, report, cancellationToken);
            }
        }
        finally
        {
            foreach (var database in databases)
            {
                await PostgresRaw.DropDatabaseAsync(admin!, database);
            }

            scratch.Delete(recursive: true);
        }
    }

    private static async Task MeasureAsync(
        string backend, BenchOptions options, Func<string, Task<IReadOnlyDictionary<string, string>>> settings, IRedeemWorkload raw,
        Report report, CancellationToken cancellationToken)
    {
        var clerkCounts = options.Clerks ?? ClerkCounts;
        var builds = new List<HttpRedeem>();
        try
        {
            foreach (var (name, dll) in Builds(options))
            {
                var all = new Dictionary<string, string>(await settings(name)) { ["Ledger:AdminKey"] = CounterQueue.AdminKey };
                builds.Add(await HttpRedeem.StartAsync(dll, all, options, clerkCounts.Max(), cancellationToken));
            }

            var (section, holds) = await MeasureBuildsAsync(backend, options, clerkCounts, builds, raw, cancellationToken);
            report.AddSection(section, holds);
        }
        finally
        {
            foreach (var build in builds)
            {
                await build.DisposeAsync();
            }
        }
    }

    /// <summary>The report's section, and whether the first build held every target.</summary>
    private static async Task<(string Section, bool Holds)> MeasureBuildsAsync(
        string backend, BenchOptions options, IReadOnlyList<int> clerkCounts, List<HttpRedeem> builds, IRedeemWorkload raw,
        CancellationToken cancellationToken)
    {
        var slice = TimeSpan.FromSeconds(options.Seconds / options.Rounds);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Redemptions over HTTP, {backend} ({options.Households:N0} households, {CounterQueue.HotItems.Length} hot items, one unit each" +
            $"{(options.ItemHistory > 0 ? $", items starting with {options.ItemHistory:N0} receipts" : "")}; API: {builds[0].Build} build{(options.ApiDll is null ? "" : $" {options.ApiDll}")}" +
            $"{(builds.Count > 1 ? $"; compared with the {builds[1].Build} build {options.CompareDll}, taking turns with it" : "")}):");
        md.AppendLine();
        md.AppendLine("| clerks | API redemptions/s | API p50 ms | API p99 ms | raw/s | raw p50 ms | raw p99 ms | ratio | API CPU ms/redemption | client CPU ms/redemption | stock read p50 / p99 ms | load average | holds |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        var compared = new StringBuilder();
        var paced = new StringBuilder();
        var floor = new StringBuilder();
        var holds = true;
        foreach (var clerks in clerkCounts)
        {
            var rawAll = LatencySamples.Empty;
            var loadBefore = LoadAverage();
            builds.ForEach(b => b.StartCount());
            for (var round = 0; round < options.Rounds; round++)
            {
                // Longer than the appends' warm-up: the server is a separate process that JITs its whole HTTP pipeline,
                // and on a loaded machine its tiered JIT needs tens of seconds of traffic before the code is final.
                var warmup = round == 0 ? TimeSpan.FromSeconds(Math.Max(5, options.Warmup.TotalSeconds)) : TimeSpan.Zero;
                var apiWarmup = round == 0 && clerks == clerkCounts[0] ? TimeSpan.FromSeconds(20) : warmup;
                rawAll = rawAll.Add(await raw.RunAsync(clerks, warmup, slice, cancellationToken));
                // Compared builds take turns in alternating order, so neither always follows the raw loop's writes.
                foreach (var build in round % 2 == 0 ? builds : builds.AsEnumerable().Reverse())
                {
                    await build.RunAsync(clerks, apiWarmup, slice, cancellationToken);
                }

                await builds[0].RunFloorAsync(clerks, warmup, slice, cancellationToken);

                Console.Error.WriteLine($"  redeem x{clerks} round {round + 1}: {string.Join(", ", builds.Select(b => $"{b.Build} {b.Samples.PerSecond:N0}/s p99 {b.Samples.P99:F1} ms"))}, raw {rawAll.PerSecond:N0}/s p99 {rawAll.P99:F1} ms, floor {builds[0].Floor.PerSecond:N0}/s");
            }

            var loadAfter = LoadAverage();
            foreach (var build in builds)
            {
                var apiAll = build.Samples;
                var ratio = rawAll.PerSecond > 0 ? apiAll.PerSecond / rawAll.PerSecond : 0;
                var judged = ClerkCounts.Contains(clerks);
                var ok = apiAll.Failures == 0 && (!judged || (ratio >= ThroughputTarget && (clerks < 32 || apiAll.P99 <= P99TargetMs)));
                var isCompared = build != builds[0];
                holds &= isCompared || ok;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {clerks}{(isCompared ? $" ({build.Build})" : "")} | {apiAll.PerSecond:N0} | {apiAll.P50:F1} | {apiAll.P99:F1} | {rawAll.PerSecond:N0} | {rawAll.P50:F1} | {rawAll.P99:F1} | {ratio:F2} | {build.Cpu.TotalMilliseconds / Math.Max(1, apiAll.SortedMs.Length):F2} | {build.ClientCpu.TotalMilliseconds / Math.Max(1, apiAll.SortedMs.Length):F2} | {build.StockReads.P50:F1} / {build.StockReads.P99:F1} | {loadBefore} → {loadAfter} | {(!ok ? "**NO**" : judged ? "yes" : "not a target")}{(apiAll.Failures > 0 ? $" ({apiAll.Failures} failed)" : "")} |");
            }

            floor.AppendLine(HttpFloor.Row(clerks, builds[0].Floor, builds[0].Samples, rawAll, ThroughputTarget));
            if (options.Paced)
            {
                paced.Append(await PacedArrivals.MeasureAsync(
                    clerks, ThroughputTarget * rawAll.PerSecond, raw, builds, options.Rounds, slice, cancellationToken));
            }

            if (builds.Count > 1)
            {
                // Turn by turn, the machine's drift (its speed moves by a third within minutes) cancels out of the quotient.
                var quotients = builds[1].Turns.Zip(builds[0].Turns, (b, a) => a > 0 ? b / a : 0).ToArray();
                compared.AppendLine(CultureInfo.InvariantCulture,
                    $"- {clerks} clerks: {string.Join(", ", quotients.Select(q => q.ToString("F2", CultureInfo.InvariantCulture)))}; median **{Median(quotients):F2}**");
            }
        }

        md.AppendLine();
        if (compared.Length > 0)
        {
            md.AppendLine($"Redemptions per second of the {builds[1].Build} build ÷ the {builds[0].Build} build, turn by turn (the same round, one after the other):");
            md.AppendLine();
            md.Append(compared);
            md.AppendLine();
        }

        md.AppendLine(HttpFloor.Header);
        md.Append(floor);
        md.AppendLine();
        md.AppendLine(HttpFloor.Explanation);
        md.AppendLine();
        if (paced.Length > 0)
        {
            md.AppendLine(PacedArrivals.Header);
            md.Append(paced);
            md.AppendLine();
            md.AppendLine(PacedArrivals.Explanation);
            md.AppendLine();
        }

        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets: API ≥ {ThroughputTarget:F1}× raw redemptions/s, and p99 ≤ {P99TargetMs:F0} ms at 32 clerks. The raw transaction does the redemption's ") +
            "reads, checks and writes by hand; it stores no idempotency key, hash chain or read model, which the API does in the same transaction. " +
            "The HTTP clients run on the same two cores as the server: their CPU per redemption is the client column, which the raw loop never pays. " +
            "Stock read: a counter page looking up an item (GET .../catalog/{sku}) every 20 ms while the clerks sell." +
            (builds.Count > 1 ? " Only the first build's rows decide whether the run holds its targets (the exit code)." : ""));
        return (md.ToString(), holds);
    }

    /// <summary>The build measured and judged, then the one it is compared with (<c>--compare</c>), each with its ledger's name.</summary>
    private static IEnumerable<(string Ledger, string Dll)> Builds(BenchOptions options)
    {
        yield return ("api", options.ApiDll ?? ApiProcess.DefaultDll);
        if (options.CompareDll is { } other)
        {
            yield return ("api_compared", other);
        }
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count); NaN for none.</summary>
    internal static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg gives it.</summary>
    internal static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
