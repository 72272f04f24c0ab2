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
        var (sorted, failures) = await ClosedLoop.SampleAsync(clerks, warmup, window, cancellationToken);
        return new LatencySamples(sorted, window, failures);
    }
}
