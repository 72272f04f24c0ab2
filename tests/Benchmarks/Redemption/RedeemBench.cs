using System.Globalization;
using System.Text;
using Ledger.Benchmarks.Postgres;
using Ledger.Testing;

namespace Ledger.Benchmarks.Redemption;

/// <summary>A redemption workload at a number of concurrent clerks: the API over HTTP, or its raw yardstick.</summary>
public interface IRedeemWorkload : IAsyncDisposable
{
    Task<LatencySamples> RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken);
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
            IReadOnlyDictionary<string, string> settings;
            IRedeemWorkload raw;
            if (backend == "sqlite")
            {
                settings = new Dictionary<string, string> { ["Ledger:Store"] = "sqlite", ["Ledger:SqlitePath"] = Path.Combine(scratch.FullName, "api.db") };
                raw = SqliteRawRedeem.Create(Path.Combine(scratch.FullName, "raw.db"), options.Households);
            }
            else
            {
                admin = Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given
                    ? given
                    : (await PostgresServer.GetAsync()).ConnectionString;
                var prefix = "ledger_redeem_" + Guid.NewGuid().ToString("N")[..8];
                databases.AddRange([prefix + "_api", prefix + "_raw"]);
                settings = new Dictionary<string, string>
                {
                    ["Ledger:Store"] = "postgres",
                    ["ConnectionStrings:Ledger"] = await PostgresRaw.CreateDatabaseAsync(admin, databases[0], cancellationToken),
                };
                raw = await PgBenchRedeem.CreateAsync(
                    await PostgresRaw.CreateDatabaseAsync(admin, databases[1], cancellationToken), options.Households, cancellationToken);
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
        string backend, BenchOptions options, IReadOnlyDictionary<string, string> settings, IRedeemWorkload raw, Report report,
        CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, string>(settings) { ["Ledger:AdminKey"] = CounterQueue.AdminKey };
        await using var server = await ApiProcess.StartAsync(options.ApiDll ?? ApiProcess.DefaultDll, all, cancellationToken);
        Console.Error.WriteLine($"  seeding {options.Households:N0} households, {CounterQueue.HotItems.Length} hot items ({options.ItemHistory:N0} stock receipts each) over HTTP");
        var clerkCounts = options.Clerks ?? ClerkCounts;
        using var queue = await CounterQueue.SeedAsync(server.Address, options.Households, clerkCounts.Max(), options.ItemHistory, cancellationToken);
        var api = new HttpRedeem(queue, server);
        var slice = TimeSpan.FromSeconds(options.Seconds / options.Rounds);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Redemptions over HTTP, {backend} ({options.Households:N0} households, {CounterQueue.HotItems.Length} hot items, one unit each" +
            $"{(options.ItemHistory > 0 ? $", items starting with {options.ItemHistory:N0} receipts" : "")}; API: {Path.GetFileName(Path.GetDirectoryName(options.ApiDll ?? ApiProcess.DefaultDll))} build{(options.ApiDll is null ? "" : $" {options.ApiDll}")}):");
        md.AppendLine();
        md.AppendLine("| clerks | API redemptions/s | API p50 ms | API p99 ms | raw/s | raw p50 ms | raw p99 ms | ratio | API CPU ms/redemption | client CPU ms/redemption | stock read p50 / p99 ms | load average | holds |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        var holds = true;
        foreach (var clerks in clerkCounts)
        {
            var (apiAll, rawAll) = (LatencySamples.Empty, LatencySamples.Empty);
            var loadBefore = LoadAverage();
            (api.Cpu, api.ClientCpu, api.StockReads) = (TimeSpan.Zero, TimeSpan.Zero, LatencySamples.Empty);
            for (var round = 0; round < options.Rounds; round++)
            {
                // Longer than the appends' warm-up: the server is a separate process that JITs its whole HTTP pipeline,
                // and on a loaded machine its tiered JIT needs tens of seconds of traffic before the code is final.
                var warmup = round == 0 ? TimeSpan.FromSeconds(Math.Max(5, options.Warmup.TotalSeconds)) : TimeSpan.Zero;
                var apiWarmup = round == 0 && clerks == clerkCounts[0] ? TimeSpan.FromSeconds(20) : warmup;
                rawAll = rawAll.Add(await raw.RunAsync(clerks, warmup, slice, cancellationToken));
                apiAll = apiAll.Add(await api.RunAsync(clerks, apiWarmup, slice, cancellationToken));
                Console.Error.WriteLine($"  redeem x{clerks} round {round + 1}: API {apiAll.PerSecond:N0}/s p99 {apiAll.P99:F1} ms, raw {rawAll.PerSecond:N0}/s p99 {rawAll.P99:F1} ms");
            }

            var ratio = rawAll.PerSecond > 0 ? apiAll.PerSecond / rawAll.PerSecond : 0;
            var judged = ClerkCounts.Contains(clerks);
            var ok = apiAll.Failures == 0 && (!judged || (ratio >= ThroughputTarget && (clerks < 32 || apiAll.P99 <= P99TargetMs)));
            holds &= ok;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {clerks} | {apiAll.PerSecond:N0} | {apiAll.P50:F1} | {apiAll.P99:F1} | {rawAll.PerSecond:N0} | {rawAll.P50:F1} | {rawAll.P99:F1} | {ratio:F2} | {api.Cpu.TotalMilliseconds / Math.Max(1, apiAll.SortedMs.Length):F2} | {api.ClientCpu.TotalMilliseconds / Math.Max(1, apiAll.SortedMs.Length):F2} | {api.StockReads.P50:F1} / {api.StockReads.P99:F1} | {loadBefore} → {LoadAverage()} | {(!ok ? "**NO**" : judged ? "yes" : "not a target")}{(apiAll.Failures > 0 ? $" ({apiAll.Failures} failed)" : "")} |");
        }

        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets: API ≥ {ThroughputTarget:F1}× raw redemptions/s, and p99 ≤ {P99TargetMs:F0} ms at 32 clerks. The raw transaction does the redemption's ") +
            "reads, checks and writes by hand; it stores no idempotency key, hash chain or read model, which the API does in the same transaction. " +
            "The HTTP clients run on the same two cores as the server: their CPU per redemption is the client column, which the raw loop never pays. " +
            "Stock read: a counter page looking up an item (GET .../catalog/{sku}) every 20 ms while the clerks sell.");
        report.AddSection(md.ToString(), holds);
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed class HttpRedeem(CounterQueue queue, ApiProcess server) : IRedeemWorkload
    {
        /// <summary>Server CPU over the timed windows (an estimate: the warm-up's share is taken out by time).</summary>
        public TimeSpan Cpu { get; set; }

        /// <summary>This process's CPU over the same windows: the HTTP clients, which share the machine with the server.</summary>
        public TimeSpan ClientCpu { get; set; }

        /// <summary>Latencies of the stock look-ups made while the clerks sold.</summary>
        public LatencySamples StockReads { get; set; } = LatencySamples.Empty;

        public async Task<LatencySamples> RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
        {
            var (before, clientBefore) = (server.CpuTime, ClientCpuTime());
            var reads = queue.ReadStockAsync(TimeSpan.FromMilliseconds(20), warmup, window, cancellationToken);
            var samples = await LatencyLoop.RunAsync(queue.Clerks(clerks), warmup, window, cancellationToken);
            StockReads = StockReads.Add(await reads);
            Cpu += (server.CpuTime - before) * (window / (warmup + window));
            ClientCpu += (ClientCpuTime() - clientBefore) * (window / (warmup + window));
            return samples;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static TimeSpan ClientCpuTime()
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }
}
