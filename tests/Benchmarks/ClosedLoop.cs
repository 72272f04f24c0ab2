using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>The outcome of a closed-loop run: operations completed inside the timed window.</summary>
public sealed record LoopResult(long Operations, TimeSpan Window, double MeanMs, double P99Ms, long Failures)
{
    /// <summary>Anything the reader of the report should know about how this figure was taken.</summary>
    public string? Note { get; init; }

    /// <summary>Operations per second in the timed window.</summary>
    public double PerSecond => Operations / Window.TotalSeconds;

    /// <summary>
    /// Adds the rounds of one measurement: counts and windows add up, the mean is weighted by operations and the p99
    /// is the highest round's (a conservative bound, as the rounds' samples are not kept).
    /// </summary>
    public static LoopResult Combine(IReadOnlyList<LoopResult> rounds)
    {
        var operations = rounds.Sum(r => r.Operations);
        return new LoopResult(
            operations,
            TimeSpan.FromTicks(rounds.Sum(r => r.Window.Ticks)),
            operations == 0 ? 0 : rounds.Sum(r => r.MeanMs * r.Operations) / operations,
            rounds.Max(r => r.P99Ms),
            rounds.Sum(r => r.Failures));
    }
}

/// <summary>An append workload that can run several timed rounds on the same tables, interleaved with another.</summary>
public interface IAppendWorkload : IAsyncDisposable
{
    /// <summary>Runs for <paramref name="warmup"/> untimed, then <paramref name="window"/> timed.</summary>
    Task<LoopResult> RunAsync(TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>
/// Runs N writers that each start their next operation as soon as the last one ends, for a warm-up and then a
/// timed window. Only operations that finish inside the window count, so a slow warm-up never flatters the figure.
/// </summary>
public static class ClosedLoop
{
    /// <summary>One writer: called once per operation.</summary>
    public delegate Task Operation(CancellationToken cancellationToken);

    /// <summary>Runs one writer per operation in <paramref name="operations"/>.</summary>
    public static async Task<LoopResult> RunAsync(
        IReadOnlyList<Operation> operations, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var (all, failures) = await SampleAsync(operations, warmup, window, cancellationToken);
        return new LoopResult(
            all.Length,
            window,
            all.Length == 0 ? 0 : all.Average(),
            all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, Math.Ceiling(all.Length * 0.99) - 1)],
            failures);
    }

    /// <summary>Runs one writer per operation and keeps every latency of the timed window, sorted (ms).</summary>
    public static async Task<(double[] SortedMs, long Failures)> SampleAsync(
        IReadOnlyList<Operation> operations, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var windowStart = warmup;
        var windowEnd = warmup + window;
        var reported = 0;
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
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed operation is counted and reported, never hidden: a benchmark that hides errors lies.
                    if (Interlocked.Increment(ref reported) <= 3)
                    {
                        Console.Error.WriteLine($"    operation failed: {e.GetType().Name}: {e.Message}");
                    }

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
        return ([.. perWriter.SelectMany(w => w.latencies).Order()], perWriter.Sum(w => w.failures));
    }
}
