using System.Diagnostics;
using System.Globalization;
using Ledger.Benchmarks.Redemption;
using Ledger.Testing;

namespace Ledger.Benchmarks.Compare;

/// <summary>
/// <c>--compare-ref REF</c>: this build against another commit's, turn by turn. Appends, read-all and verify run as
/// short runs of each build's own harness (<c>--only append|read|audit</c>, options both harnesses know), the two
/// builds one after the other in each turn, in alternating order; each run judges its store against its own raw
/// yardstick in the same minute, and the quotient of the two builds' store ÷ raw ratios is taken turn by turn, so the
/// shared machine's drift between turns cancels. Redemptions run once with the other build's API as <c>--compare</c>.
/// </summary>
public static class BuildTurns
{
    /// <summary>The new build must keep this share of the old one's store ÷ raw ratio (issue 23: "within noise").</summary>
    public const double KeepTarget = 0.95;

    private static readonly string[] TurnMeasures = ["append", "read", "audit"];
    private static readonly string[] ComparedRows = ["append, events/s", "read-all, events/s", "verify, events/s"];

    private sealed record Harness(string Label, string Commit, string Dll, string Root);

    public static async Task RunAsync(BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        var other = await OtherBuild.PrepareAsync(options.CompareRef!, cancellationToken);
        var head = await OtherBuild.HeadAsync(cancellationToken);
        Harness[] builds =
        [
            new("new", head, typeof(BuildTurns).Assembly.Location, RepoPaths.Root),
            new("old", other.Commit, other.BenchDll, other.Root),
        ];
        var figures = new List<CompareReport.Row>();
        var loads = new List<string>();
        var measures = options.Measures.Intersect(TurnMeasures).ToList();
        if (measures.Count > 0)
        {
            // Both builds' runs use one PostgreSQL server, lent to them: the same server for both, and no initdb per run.
            var postgres = options.Backends.Contains("postgres") && Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is not { Length: > 0 }
                ? (await PostgresServer.GetAsync()).ConnectionString
                : null;
            try
            {
                await TakeTurnsAsync(options, report, builds, measures, postgres, figures, loads, cancellationToken);
            }
            finally
            {
                // A run stopped by --max-minutes or Ctrl+C still reports the turns it finished.
                var (section, holds) = CompareReport.Render(builds[0].Commit, builds[1].Commit, figures, loads);
                report.AddSection(section, holds);
            }
        }

        if (options.Measures.Contains("redeem"))
        {
            // The redemption benchmark already takes turns between two API builds in one run: the old one is --compare.
            await BenchRun.RunAsync(options with { CompareRef = null, CompareDll = other.ApiDll, Measures = ["redeem"] }, report, cancellationToken);
        }
    }

    private static async Task TakeTurnsAsync(
        BenchOptions options, Report report, Harness[] builds, List<string> measures, string? postgres, List<CompareReport.Row> figures,
        List<string> loads, CancellationToken cancellationToken)
    {
        foreach (var measure in measures)
        {
            foreach (var backend in options.Backends)
            {
                for (var turn = 1; turn <= options.Turns; turn++)
                {
                    loads.Add($"{measure} {backend} turn {turn}: {RedeemBench.LoadAverage()}");
                    // Appends: one run per writer count, so the builds alternate at every count and a run that
                    // fails costs that count's turn only.
                    foreach (var writers in measure == "append" ? options.Writers.Select(w => (IReadOnlyList<int>)[w]) : [options.Writers])
                    {
                        foreach (var build in turn % 2 == 1 ? builds : builds.Reverse())
                        {
                            Console.Error.WriteLine($"== compare: {measure}, {backend}, turn {turn}/{options.Turns}, {build.Label} build ({build.Commit[..12]})");
                            try
                            {
                                var rows = await RunHarnessAsync(build, ChildArguments(options with { Writers = writers }, measure, backend), postgres, cancellationToken);
                                figures.AddRange(rows.Select(r => r with { Turn = turn, Build = build.Label }));
                            }
                            catch (HarnessFailed e)
                            {
                                // One run that failed (pgbench's warm-up without a transaction on an overloaded machine,
                                // say) costs its turn, not the turns already measured: the turn drops out of the quotients.
                                Console.Error.WriteLine($"== compare: {e.Message}");
                                report.AddNote($"Turn {turn} of {measure} on {backend} dropped: {e.Message}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Only options that every harness since the audit benchmark parses, so an older commit's harness runs unchanged.</summary>
    private static List<string> ChildArguments(BenchOptions options, string measure, string backend) =>
    [
        "--only", measure, "--backend", backend,
        "--seconds", Text(options.Seconds), "--rounds", Text(options.Rounds),
        "--writers", string.Join(',', options.Writers.Select(w => Text(w))),
        "--events", Text(options.Events), "--households", Text(options.Households), "--load-batch", Text(options.LoadBatch),
        "--max-minutes", Text(options.MaxMinutes),
    ];

    private static async Task<List<CompareReport.Row>> RunHarnessAsync(Harness build, List<string> arguments, string? postgres, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ledger-compare-{Guid.NewGuid():N}.md");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = build.Root, UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(build.Dll);
        arguments.Concat(["--out", output]).ToList().ForEach(start.ArgumentList.Add);
        if (postgres is not null)
        {
            start.Environment["LEDGER_BENCH_POSTGRES"] = postgres;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        try
        {
            // The report is read from its file; the progress on standard error goes straight to ours.
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        try
        {
            // Exit code 1 only says a target of that run was missed; 2 and the rest mean it did not run.
            return process.ExitCode is 0 or 1
                ? (await File.ReadAllLinesAsync(output, cancellationToken)).Select(Parse).OfType<CompareReport.Row>().ToList()
                : throw new HarnessFailed($"the {build.Label} build's harness exited with {process.ExitCode} ({string.Join(' ', arguments)}).");
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>A main-table row of a harness's report (<c>| measure | backend | load | ledger | raw | ratio | ...</c>), if compared.</summary>
    private static CompareReport.Row? Parse(string line)
    {
        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
        return cells.Length > 6 && ComparedRows.Contains(cells[1]) && Number(cells[4]) is { } store && Number(cells[5]) is { } raw
            ? new CompareReport.Row(0, "", $"{cells[1]} | {cells[2]} | {cells[3]}", store, raw)
            : null;
    }

    private static double? Number(string cell) =>
        double.TryParse(cell.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed class HarnessFailed(string message) : Exception(message);
}
