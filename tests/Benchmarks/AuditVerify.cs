using System.Diagnostics;
using System.Globalization;
using Ledger.Audit;
using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// The auditor's figures at the read-all sizes: verify (<see cref="AuditReplay"/> with <see cref="HashChainCheck"/>)
/// against the backend's raw sequential read of the same rows in the same run, its live heap at both sizes, and the
/// time to import (seeding the store) and to export and re-import the large ledger as NDJSON.
/// </summary>
public static class AuditVerify
{
    private const int Passes = 3;

    public static async Task RunAsync(IBenchBackend backend, BenchOptions options, Report report, CancellationToken cancellationToken)
    {
        var heaps = new List<(long Events, long Bytes)>();
        foreach (var size in options.ReadSizes)
        {
            var store = await backend.CreateStoreAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            await store.ImportAsync(SyntheticLedger.EventsAsync(size, options.Households), cancellationToken);
            Console.Error.WriteLine($"  audit: imported {size:N0} synthetic events in {clock.Elapsed.TotalSeconds:F1} s ({size / clock.Elapsed.TotalSeconds:N0}/s)");
            double bestVerify = 0, bestRaw = 0;
            for (var pass = 0; pass < Passes; pass++)
            {
                clock.Restart();
                var rows = await backend.RawReadAllAsync(store, cancellationToken);
                var raw = rows / clock.Elapsed.TotalSeconds;
                clock.Restart();
                var verified = await VerifyAsync(store, size, sampler: null, cancellationToken);
                var verify = verified / clock.Elapsed.TotalSeconds;
                (bestRaw, bestVerify) = (Math.Max(bestRaw, raw), Math.Max(bestVerify, verify));
                Console.Error.WriteLine($"    verify pass {pass + 1}: raw {raw:N0} rows/s, verify {verify:N0} events/s");
            }

            var heap = new HeapSampler(size);
            await VerifyAsync(store, size, heap, cancellationToken);
            heaps.Add((size, heap.Highest));
            var ratio = bestVerify / bestRaw;
            Console.Error.WriteLine($"  verify {size:N0}: {bestVerify:N0}/s, raw {bestRaw:N0}/s -> {ratio:F2}; live heap {Mb(heap.Highest)}");
            report.AddRow("verify, events/s", backend.Name, $"{size:N0} events", $"{bestVerify:N0}", $"{bestRaw:N0}", ratio, $"≥ {Report.ReadTarget:F1}", ratio >= Report.ReadTarget);
            if (size == options.ReadSizes[^1])
            {
                await ExportImportAsync(backend, store, size, bestRaw, report, cancellationToken);
            }

            await backend.DropStoreAsync(store);
        }

        var flat = heaps[^1].Bytes <= heaps[0].Bytes + Report.FlatSlackBytes;
        report.AddRow("verify memory, live heap", backend.Name, string.Join(" → ", heaps.Select(h => h.Events.ToString("N0", CultureInfo.InvariantCulture))) + " events",
            string.Join(" → ", heaps.Select(h => Mb(h.Bytes))), "", null, "flat", flat);
    }

    private static async Task<long> VerifyAsync(ILedgerStore store, long expected, HeapSampler? sampler, CancellationToken cancellationToken)
    {
        IAuditCheck[] checks = sampler is null ? [new HashChainCheck(store)] : [new HashChainCheck(store), sampler];
        var result = await new AuditReplay(store, checks).RunAsync(cancellationToken: cancellationToken);
        return result.Ok && result.Events == expected
            ? result.Events
            : throw new InvalidOperationException($"Verify read {result.Events:N0} of {expected:N0} events and found {result.Problems.Count} problems: {result.Problems.FirstOrDefault()}");
    }

    private static async Task ExportImportAsync(IBenchBackend backend, ILedgerStore store, long size, double rawRead, Report report, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ledger-export-{Guid.NewGuid():N}.ndjson");
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var output = File.Create(file))
            {
                await EventExport.WriteAsync(store, output, cancellationToken: cancellationToken);
            }

            var export = size / clock.Elapsed.TotalSeconds;
            var target = await backend.CreateStoreAsync(cancellationToken);
            clock.Restart();
            await using (var input = File.OpenRead(file))
            {
                await EventImport.ImportAsync(target, input, cancellationToken);
            }

            var import = size / clock.Elapsed.TotalSeconds;
            await backend.DropStoreAsync(target);
            var megabytes = new FileInfo(file).Length / 1048576.0;
            Console.Error.WriteLine($"  export {size:N0}: {export:N0}/s ({megabytes:F0} MB); import from the file: {import:N0}/s");
            report.AddRow("export NDJSON, events/s", backend.Name, $"{size:N0} events, {megabytes:F0} MB", $"{export:N0}", $"{rawRead:N0} (raw read)", export / rawRead, "–", true);
            report.AddRow("import NDJSON, events/s", backend.Name, $"{size:N0} events into an empty store", $"{import:N0}", "", null, "–", true);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    /// <summary>A check that only measures: the live heap after a full collection at ten points of the replay, above the start.</summary>
    private sealed class HeapSampler(long expected) : IAuditCheck
    {
        private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);
        private readonly long _every = Math.Max(1, expected / 10);
        private long _seen;

        public long Highest { get; private set; }

        public void Observe(RecordedEvent recorded)
        {
            if (++_seen % _every == 0)
            {
                Highest = Math.Max(Highest, GC.GetTotalMemory(forceFullCollection: true) - _baseline);
            }
        }

        public IAsyncEnumerable<AuditProblem> FinishAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<AuditProblem>();
    }
}
