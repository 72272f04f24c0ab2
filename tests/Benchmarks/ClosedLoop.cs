using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>The outcome of a closed-loop run: operations completed inside the timed window.</summary>
public sealed record LoopResult(long Operations, TimeSpan Window, double MeanMs, double P99Ms, long Failures)
{
    /// <summary>Anything the reader of the report should know about how this figure was taken.</summary>
    public string? Note { get; init; }

    /// <summary>Operations per second in the timed window.</summary>
    public double PerSecond => Operations / Window.TotalSeconds;
}

/// <summary>
/// Runs N writers that each start their next operation as soon as the last one ends, for a warm-up and then a
/// timed window. Only operations that finish inside the window count, so a slow warm-up never flatters the figure.
/// </summary>
public static class ClosedLoop
{
    /// <summary>One writer: called once per operation.</summary>
    public delegate Task Operation(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="writers"/> writers made by <paramref name="makeWriter"/>.</summary>
    public static async Task<LoopResult> RunAsync(
        int writers, TimeSpan warmup, TimeSpan window, Func<int, Operation> makeWriter, CancellationToken cancellationToken)
    {
        var operations = Enumerable.Range(0, writers).Select(makeWriter).ToArray();
        var clock = Stopwatch.StartNew();
        var windowStart = warmup;
        var windowEnd = warmup + window;
        var perWriter = await Task.WhenAll(operations.Select(op => Task.Run(async () =>
        {
            var latencies = new List<double>(capacity: 16_384);
            long failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                if (started >= windowEnd)
                {
                    break;
                }

                try
                {
                    await op(cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed operation is counted, never retried: a benchmark that hides errors lies.
                    failures++;
                    if (failures > 100)
                    {
                        throw;
                    }

                    continue;
                }

                var ended = clock.Elapsed;
                if (started >= windowStart && ended <= windowEnd)
                {
                    latencies.Add((ended - started).TotalMilliseconds);
                }
            }

            return (latencies, failures);
        }, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        var all = perWriter.SelectMany(w => w.latencies).Order().ToArray();
        return new LoopResult(
            all.Length,
            window,
            all.Length == 0 ? 0 : all.Average(),
            all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, Math.Ceiling(all.Length * 0.99) - 1)],
            perWriter.Sum(w => w.failures));
    }
}
