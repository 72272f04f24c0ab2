using System.Diagnostics;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// Every latency of a measurement, kept so that rounds merge exactly: p50 and p99 over all rounds, not a bound.
/// </summary>
public sealed record LatencySamples(double[] SortedMs, TimeSpan Window, long Failures)
{
    public static LatencySamples Empty { get; } = new([], TimeSpan.Zero, 0);

    public double PerSecond => Window > TimeSpan.Zero ? SortedMs.Length / Window.TotalSeconds : 0;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public LatencySamples Add(LatencySamples other) =>
        new([.. SortedMs.Concat(other.SortedMs).Order()], Window + other.Window, Failures + other.Failures);

    private double Percentile(double p) =>
        SortedMs.Length == 0 ? double.NaN : SortedMs[(int)Math.Min(SortedMs.Length - 1, Math.Ceiling(SortedMs.Length * p) - 1)];
}

/// <summary>
/// The harness's closed loop (each clerk starts the next redemption when the last ends), keeping every latency.
/// Only operations that start and end inside the timed window count.
/// </summary>
public static class LatencyLoop
{
    public static async Task<LatencySamples> RunAsync(
        IReadOnlyList<ClosedLoop.Operation> clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (windowStart, windowEnd) = (warmup, warmup + window);
        var reported = 0;
        var perClerk = await Task.WhenAll(clerks.Select(op => Task.Run(async () =>
        {
            var latencies = new List<double>(capacity: 8_192);
            long failures = 0;
            while (!cancellationToken.IsCancellationRequested && clock.Elapsed < windowEnd)
            {
                var started = clock.Elapsed;
                try
                {
                    await op(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Counted and shown, never hidden; a flood of them ends the run.
                    if (Interlocked.Increment(ref reported) <= 3)
                    {
                        Console.Error.WriteLine($"    redemption failed: {e.GetType().Name}: {e.Message}");
                    }

                    if (++failures > 100)
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
        return new LatencySamples([.. perClerk.SelectMany(c => c.latencies).Order()], window, perClerk.Sum(c => c.failures));
    }
}
