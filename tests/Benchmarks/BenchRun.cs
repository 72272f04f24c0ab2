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
        }
    }

    private static async Task AppendsAsync(IBenchBackend backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        foreach (var writers in options.Writers)
        {
            // Raw first, then the store, each on fresh tables: the order and table sizes are the same for both.
            var raw = await backend.RawAppendAsync(writers, options, cancellationToken);
            var store = await backend.CreateStoreAsync(cancellationToken);
            var ledger = await StoreAppend.RunAsync(store, writers, options, cancellationToken);
            Console.Error.WriteLine(
                $"  append x{writers}: ledger {ledger.PerSecond:N0}/s (mean {ledger.MeanMs:F2} ms), raw {raw.PerSecond:N0}/s (mean {raw.MeanMs:F2} ms) -> {ledger.PerSecond / raw.PerSecond:F2}");
            report.AddAppend(backend.Name, writers, ledger, raw);
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
    }
}
