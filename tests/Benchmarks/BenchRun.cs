using System.Diagnostics;
using Ledger.Benchmarks.Postgres;
using Ledger.Benchmarks.Sqlite;

namespace Ledger.Benchmarks;

/// <summary>The order of work in one run: per backend, appends at each concurrency, then read-all at each size.</summary>
public static class BenchRun
{
    /// <summary>Loading the large ledger must finish within this time, or the run says the store loads too slowly.</summary>
    private static readonly TimeSpan LoadLimit = TimeSpan.FromMinutes(8);

    public static async Task RunAsync(BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        if (options.CompareRef is not null)
        {
            await Compare.BuildTurns.RunAsync(options, report, cancellationToken);
            return;
        }

        foreach (var name in options.Backends)
        {
            Console.Error.WriteLine($"== {name}");
            await using IBenchBackend backend = name == "sqlite"
                ? SqliteBackend.Create()
                : await PostgresBackend.CreateAsync(cancellationToken);
            report.AddBackend(name, await backend.DescribeAsync(cancellationToken));
            if (options.Measures.Contains("append"))
            {
                await AppendsAsync(backend, options, report, cancellationToken);
            }

            if (options.Measures.Contains("read"))
            {
                await ReadsAsync(backend, options, report, cancellationToken);
            }

            if (options.Measures.Contains("queries"))
            {
                await QueryLatency.RunAsync(name, options, report, cancellationToken);
            }

            if (options.Measures.Contains("search"))
            {
                await HouseholdSearchLatency.RunAsync(name, report, cancellationToken);
            }

            if (options.Measures.Contains("redeem"))
            {
                await Redemption.RedeemBench.RunAsync(name, options, report, cancellationToken);
            }

            if (options.Measures.Contains("servers") && name == "postgres")
            {
                await Redemption.TwoServersBench.RunAsync(options, report, cancellationToken);
            }

            if (options.Measures.Contains("audit"))
            {
                await AuditVerify.RunAsync(backend, options, report, cancellationToken);
            }
        }
    }

    private static async Task AppendsAsync(IBenchBackend backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        var slice = TimeSpan.FromSeconds(options.Seconds / options.Rounds);
        foreach (var writers in options.Writers)
        {
            // Fresh tables for both sides at each concurrency; then raw and store take turns, so a burst of noise
            // from the shared machine falls on both rather than on whichever ran during it.
            await using var raw = await backend.OpenRawAppendAsync(writers, options, cancellationToken);
            var store = await backend.CreateStoreAsync(cancellationToken);
            var ledger = new StoreAppend(store, writers, options.Households);
            await using var experiment = options.Experiments ? await backend.OpenAppendExperimentAsync(writers, options, cancellationToken) : null;
            var (rawRounds, ledgerRounds, experimentRounds) = (new List<LoopResult>(), new List<LoopResult>(), new List<LoopResult>());
            for (var round = 0; round < options.Rounds; round++)
            {
                var warmup = round == 0 ? options.Warmup : TimeSpan.Zero;
                rawRounds.Add(await raw.RunAsync(warmup, slice, cancellationToken));
                ledgerRounds.Add(await ledger.RunAsync(warmup, slice, cancellationToken));
                if (experiment is not null)
                {
                    experimentRounds.Add(await experiment.RunAsync(warmup, slice, cancellationToken));
                }

                Console.Error.WriteLine(
                    $"  append x{writers} round {round + 1}: ledger {ledgerRounds[^1].PerSecond:N0}/s, raw {rawRounds[^1].PerSecond:N0}/s");
            }

            await backend.DropStoreAsync(store);
            var (rawResult, ledgerResult) = (LoopResult.Combine(rawRounds), LoopResult.Combine(ledgerRounds));
            Console.Error.WriteLine(
                $"  append x{writers}: ledger {ledgerResult.PerSecond:N0}/s (mean {ledgerResult.MeanMs:F2} ms), raw {rawResult.PerSecond:N0}/s (mean {rawResult.MeanMs:F2} ms) -> {ledgerResult.PerSecond / rawResult.PerSecond:F2}");
            report.AddAppend(backend.Name, writers, ledgerResult, rawResult);
            if (experimentRounds.Count > 0)
            {
                var result = LoopResult.Combine(experimentRounds);
                report.AddNote(
                    $"Experiment, {backend.Name}, {writers} writers: the raw loop with group commit ran {result.PerSecond:N0} events/s " +
                    $"({result.PerSecond / rawResult.PerSecond:F2}× the raw loop, {result.PerSecond / ledgerResult.PerSecond:F2}× the store; mean {result.MeanMs:F2} ms).");
            }
        }
    }

    private static async Task ReadsAsync(IBenchBackend backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        // One store grows from the small size to the large one: loading once keeps the run within bounds.
        var store = await backend.CreateStoreAsync(cancellationToken);
        var loader = new StoreLoader(store, options.Households, options.LoadBatch);
        var budget = Stopwatch.StartNew();
        foreach (var size in options.ReadSizes)
        {
            Console.Error.WriteLine($"  loading {size:N0} events through AppendAsync ({options.LoadBatch} per append)");
            var load = await loader.LoadUntilAsync(size, LoadLimit - budget.Elapsed, cancellationToken);
            Console.Error.WriteLine($"  loaded in {load.TotalSeconds:F1} s; reading");
            var figures = await ReadAll.MeasureAsync(backend, store, size, cancellationToken);
            Console.Error.WriteLine(
                $"  read-all {size:N0}: ledger {figures.StorePerSecond:N0}/s, raw {figures.RawPerSecond:N0}/s -> {figures.StorePerSecond / figures.RawPerSecond:F2}; live heap {figures.RetainedBytes / 1048576.0:F1} MB");
            report.AddRead(backend.Name, figures, load);
        }

        await backend.DropStoreAsync(store);
    }
}
