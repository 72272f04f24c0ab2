using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>What one benchmark run measures, from the command line.</summary>
/// <param name="Events">The larger read-all size; the smaller one is a tenth of it.</param>
/// <param name="Seconds">How long each append measurement (store and yardstick) runs, after its warm-up.</param>
/// <param name="Backends">"sqlite", "postgres", or both.</param>
/// <param name="Writers">Concurrent writers for the append measurements.</param>
/// <param name="Households">How many streams the appends spread over.</param>
/// <param name="LoadBatch">Events per append when loading the read-all data through the store.</param>
/// <param name="Measures">"append", "read", "audit", or all of them.</param>
/// <param name="Output">Where the markdown report is written.</param>
/// <param name="MaxMinutes">Hard stop for the whole run.</param>
/// <param name="Experiments">Also run the experiments beside the yardsticks (SQLite: the raw loop with group commit).</param>
/// <param name="Rounds">Each append window is split into this many slices, raw and store taking turns.</param>
/// <param name="ItemHistory">Redemptions: stock receipts each hot item has before the run (a long item stream).</param>
/// <param name="ApiDll">Redemptions: the API build to run, when not the worktree's Release build (a before/after).</param>
/// <param name="CompareDll">Redemptions: a second API build that takes turns with the first, each on a ledger of its own.</param>
/// <param name="Clerks">Redemptions: the concurrent clerks measured; the targets are judged at 8 and 32 only.</param>
/// <param name="Paced">Redemptions: also run each clerk count with sales due on a schedule (an open loop), API and yardstick alike.</param>
/// <param name="CompareRef">Another commit to build and compare with, turn by turn (see <see cref="Compare.BuildTurns"/>).</param>
/// <param name="Turns">With <see cref="CompareRef"/>: how many turns each build's appends, read-all or verify run get.</param>
public sealed record BenchOptions(
    long Events,
    int Seconds,
    IReadOnlyList<string> Backends,
    IReadOnlyList<int> Writers,
    int Households,
    int LoadBatch,
    IReadOnlyList<string> Measures,
    string Output,
    int MaxMinutes,
    int Rounds,
    bool Quick,
    bool Experiments = false,
    int ItemHistory = 0,
    string? ApiDll = null,
    IReadOnlyList<int>? Clerks = null,
    string? CompareDll = null,
    bool Paced = false,
    string? CompareRef = null,
    int Turns = 5)
{
    /// <summary>The read-all sizes: a tenth of <see cref="Events"/>, then <see cref="Events"/>.</summary>
    public IReadOnlyList<long> ReadSizes => [Math.Max(1, Events / 10), Events];

    /// <summary>Warm-up before each timed append window: JIT, connection pools, first stream rows.</summary>
    public TimeSpan Warmup => TimeSpan.FromSeconds(Math.Clamp(Seconds / 5.0, 1, 3));

    public const string Usage = """
        dotnet run -c Release --project tests/Benchmarks -- [options]
          --backend sqlite|postgres|all   (default all)
          --events N        larger read-all size, the smaller is N/10 (default 1000000; --quick 100000)
          --seconds S       timed window of each append measurement (default 10; --quick 3)
          --rounds R        split each window into R turns, raw and store alternating (default 5; --quick 3)
          --writers 1,8,32  concurrent writers (default 1,8,32)
          --households N    streams the appends spread over (default 1000)
          --load-batch N    events per append when loading read-all data (default 1000)
          --only append|read|queries|search|redeem|audit|servers   (search: the console's household search; audit: verify against the raw read at the read-all sizes, export and import;
                            servers: redemptions split over two API servers on one PostgreSQL vs all on one, PostgreSQL only, never in a full run)
          --item-history N  redemptions: stock receipts per hot item before the run (default 0)
          --api DLL         redemptions: the Ledger.Api.dll to run (default src/Api/bin/Release/net10.0)
          --clerks 1,8,32   redemptions: concurrent clerks (default 8,32, where the targets are judged)
          --compare DLL     redemptions: a second Ledger.Api.dll taking turns with the first (a before/after in one run)
          --compare-ref REF build commit REF in Release under the temp folder and compare this build with it turn by turn:
                            appends, read-all and verify as alternating runs of each build's own harness, redemptions by --compare
          --turns N         with --compare-ref: turns per measure and backend (default 5)
          --paced           redemptions: also sales due on a schedule at half the raw loop's rate (latency of an open loop)
          --out FILE        markdown report (default benchmarks/results/<utc time>.md)
          --max-minutes M   hard stop (default 30)
          --quick           a ~2 minute smoke run
          --experiments     also run experiments beside the yardsticks (SQLite: raw loop with group commit)
        PostgreSQL: LEDGER_BENCH_POSTGRES=<connection string of a superuser> or a throwaway server is started.
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with the usage on a bad one.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var options = new BenchOptions(
            quick ? 100_000 : 1_000_000, quick ? 3 : 10, ["sqlite", "postgres"], [1, 8, 32], 1000, 1000,
            ["append", "read", "queries", "search", "redeem", "audit"], DefaultOutput(), 30, quick ? 3 : 5, quick);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--quick" => options,
                "--experiments" => options with { Experiments = true },
                "--paced" => options with { Paced = true },
                "--events" => options with { Events = PositiveLong(Next()) },
                "--seconds" => options with { Seconds = (int)PositiveLong(Next()) },
                "--backend" => options with { Backends = Next() switch
                {
                    "all" => ["sqlite", "postgres"],
                    "sqlite" => ["sqlite"],
                    "postgres" => ["postgres"],
                    var b => throw new ArgumentException($"Unknown backend '{b}'.\n{Usage}"),
                } },
                "--writers" => options with { Writers = Next().Split(',').Select(w => (int)PositiveLong(w)).ToArray() },
                "--households" => options with { Households = (int)PositiveLong(Next()) },
                "--load-batch" => options with { LoadBatch = (int)PositiveLong(Next()) },
                "--only" => options with { Measures = Next() is "append" or "read" or "queries" or "search" or "redeem" or "audit" or "servers" ? [args[i]] : throw new ArgumentException($"--only append|read|queries|search|redeem|audit|servers.\n{Usage}") },
                "--item-history" => options with { ItemHistory = (int)PositiveLong(Next()) },
                "--api" => options with { ApiDll = Path.GetFullPath(Next()) },
                "--compare" => options with { CompareDll = Path.GetFullPath(Next()) },
                "--compare-ref" => options with { CompareRef = Next() },
                "--turns" => options with { Turns = (int)PositiveLong(Next()) },
                "--clerks" => options with { Clerks = Next().Split(',').Select(c => (int)PositiveLong(c)).ToArray() },
                "--out" => options with { Output = Next() },
                "--max-minutes" => options with { MaxMinutes = (int)PositiveLong(Next()) },
                "--rounds" => options with { Rounds = (int)PositiveLong(Next()) },
                "-h" or "--help" => throw new ArgumentException(Usage),
                var other => throw new ArgumentException($"Unknown option '{other}'.\n{Usage}"),
            };
        }

        return options.Seconds % options.Rounds == 0
            ? options
            : throw new ArgumentException($"--seconds ({options.Seconds}) must be a multiple of --rounds ({options.Rounds}).\n{Usage}");
    }

    private static long PositiveLong(string text) =>
        long.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{text}' is not a positive whole number.\n{Usage}");

    private static string DefaultOutput() =>
        Path.Combine(RepoPaths.Root, "benchmarks", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".md");
}
