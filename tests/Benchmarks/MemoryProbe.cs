namespace Ledger.Benchmarks;

/// <summary>What a read used beyond the process's memory before it started.</summary>
/// <param name="PeakHeapBytes">Highest managed heap size seen (GC.GetTotalMemory without collecting), minus the baseline.</param>
/// <param name="PeakWorkingSetBytes">Highest working set seen, minus the working set before the read.</param>
/// <param name="AllocatedBytes">Bytes allocated on this process during the read.</param>
/// <param name="Gen2Collections">Full collections during the read.</param>
public sealed record MemoryUse(long PeakHeapBytes, long PeakWorkingSetBytes, long AllocatedBytes, int Gen2Collections);

/// <summary>Samples managed heap and working set every few milliseconds while a read runs.</summary>
public sealed class MemoryProbe : IAsyncDisposable
{
    private readonly long _heapBaseline;
    private readonly long _workingSetBaseline;
    private readonly long _allocatedBaseline;
    private readonly int _gen2Baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakHeap;
    private long _peakWorkingSet;

    private MemoryProbe()
    {
        _heapBaseline = GC.GetTotalMemory(forceFullCollection: true);
        _workingSetBaseline = Environment.WorkingSet;
        _allocatedBaseline = GC.GetTotalAllocatedBytes(precise: false);
        _gen2Baseline = GC.CollectionCount(2);
        _peakHeap = _heapBaseline;
        _peakWorkingSet = _workingSetBaseline;
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>Collects fully, records the baseline and starts sampling.</summary>
    public static MemoryProbe Start() => new();

    /// <summary>Stops sampling and returns what the read used.</summary>
    public async Task<MemoryUse> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        Sample();
        return new MemoryUse(
            _peakHeap - _heapBaseline,
            _peakWorkingSet - _workingSetBaseline,
            GC.GetTotalAllocatedBytes(precise: false) - _allocatedBaseline,
            GC.CollectionCount(2) - _gen2Baseline);
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
