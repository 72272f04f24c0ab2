using System.Diagnostics;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// Clerks whose sales arrive on a schedule instead of back to back (an open loop, as pgbench's <c>--rate</c>): each
/// clerk's sales are due at random (Poisson) moments, all together at a fixed rate. A closed loop of N clerks can never
/// show a latency below N ÷ throughput, whatever the server does; a schedule shows what a resident at the counter waits
/// when sales come at a given rate.
/// </summary>
public static class PacedLoop
{
    /// <summary>
    /// Runs the clerks at <paramref name="perSecond"/> sales per second in all, for a warm-up and then a timed window,
    /// and keeps the latency of every sale due inside the window (sorted, ms). A sale due while its clerk is still busy
    /// with the one before starts when that one ends, and its latency counts from when it was due: the wait in line is
    /// what the resident sees. A sale due while its clerk is idle counts from when it started, so the timer's own lateness
    /// (about a millisecond) is not laid on the server.
    /// </summary>
    public static async Task<LatencySamples> RunAsync(
        IReadOnlyList<ClosedLoop.Operation> clerks, double perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (windowStart, windowEnd) = (warmup, warmup + window);
        var meanGapSeconds = clerks.Count / perSecond;
        var perClerk = await Task.WhenAll(clerks.Select((sell, c) => Task.Run(async () =>
        {
            var random = new Random(7919 * (c + 1));
            TimeSpan Gap() => TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) * meanGapSeconds);
            var latencies = new List<double>(capacity: 4_096);
            long failures = 0;
            for (var due = Gap(); due < windowEnd && !cancellationToken.IsCancellationRequested; due += Gap())
            {
                var from = due;
                if (due - clock.Elapsed is { Ticks: > 0 } early)
                {
                    await Task.Delay(early, cancellationToken);
                    from = clock.Elapsed;
                }

                try
                {
                    await sell(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Counted and reported as in the closed loop: a benchmark that hides errors lies.
                    Console.Error.WriteLine($"    paced sale failed: {e.GetType().Name}: {e.Message}");
                    if (++failures > 100)
                    {
                        throw;
                    }

                    continue;
                }

                if (due >= windowStart)
                {
                    latencies.Add((clock.Elapsed - from).TotalMilliseconds);
                }
            }

            return (latencies, failures);
        }, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        return new LatencySamples([.. perClerk.SelectMany(c => c.latencies).Order()], window, perClerk.Sum(c => c.failures));
    }
}
