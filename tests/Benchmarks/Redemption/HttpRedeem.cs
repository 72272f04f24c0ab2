namespace Ledger.Benchmarks.Redemption;

/// <summary>One API build under load: its server, its seeded queue, and what it measured at the current clerk count.</summary>
public sealed class HttpRedeem(string build, ApiProcess server, CounterQueue queue) : IAsyncDisposable
{
    public string Build { get; } = build;

    /// <summary>Every latency at the current clerk count.</summary>
    public LatencySamples Samples { get; private set; } = LatencySamples.Empty;

    /// <summary>Redemptions per second of each turn at the current clerk count.</summary>
    public List<double> Turns { get; } = [];

    /// <summary>Server CPU over the timed windows (an estimate: the warm-up's share is taken out by time).</summary>
    public TimeSpan Cpu { get; private set; }

    /// <summary>This process's CPU over the same windows: the HTTP clients, which share the machine with the server.</summary>
    public TimeSpan ClientCpu { get; private set; }

    /// <summary>Every latency of the paced turns (<c>--paced</c>) at the current clerk count.</summary>
    public LatencySamples Paced { get; private set; } = LatencySamples.Empty;

    /// <summary>Every latency of the HTTP floor's turns (<see cref="CounterQueue.Callers"/>) at the current clerk count.</summary>
    public LatencySamples Floor { get; private set; } = LatencySamples.Empty;

    /// <summary>Latencies of the stock look-ups made while the clerks sold.</summary>
    public LatencySamples StockReads { get; private set; } = LatencySamples.Empty;

    public void StartCount()
    {
        (Samples, Paced, Floor, Cpu, ClientCpu, StockReads) =
            (LatencySamples.Empty, LatencySamples.Empty, LatencySamples.Empty, TimeSpan.Zero, TimeSpan.Zero, LatencySamples.Empty);
        Turns.Clear();
    }

    /// <summary>Starts <paramref name="dll"/> and seeds its ledger for up to <paramref name="clerks"/> clerks.</summary>
    public static async Task<HttpRedeem> StartAsync(
        string dll, IReadOnlyDictionary<string, string> settings, BenchOptions options, int clerks, CancellationToken cancellationToken)
    {
        var build = BuildName(dll);
        var server = await ApiProcess.StartAsync(dll, settings, cancellationToken);
        try
        {
            Console.Error.WriteLine($"  seeding {options.Households:N0} households, {CounterQueue.HotItems.Length} hot items ({options.ItemHistory:N0} stock receipts each) over HTTP ({build})");
            return new HttpRedeem(build, server, await CounterQueue.SeedAsync(server.Address, options.Households, clerks, options.ItemHistory, cancellationToken));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var (before, clientBefore) = (server.CpuTime, ClientCpuTime());
        var reads = queue.ReadStockAsync(TimeSpan.FromMilliseconds(20), warmup, window, cancellationToken);
        var turn = await LatencyLoop.RunAsync(queue.Clerks(clerks), warmup, window, cancellationToken);
        StockReads = StockReads.Add(await reads);
        Cpu += (server.CpuTime - before) * (window / (warmup + window));
        ClientCpu += (ClientCpuTime() - clientBefore) * (window / (warmup + window));
        Samples = Samples.Add(turn);
        Turns.Add(turn.PerSecond);
    }

    /// <summary>A turn of the same clerks asking only who they are: what HTTP alone allows on this machine.</summary>
    public async Task RunFloorAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        Floor = Floor.Add(await LatencyLoop.RunAsync(queue.Callers(clerks), warmup, window, cancellationToken));

    /// <summary>A turn with the clerks' sales due on a schedule, <paramref name="perSecond"/> in all.</summary>
    public async Task RunPacedAsync(int clerks, double perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        Paced = Paced.Add(await PacedLoop.RunAsync(queue.Clerks(clerks), perSecond, warmup, window, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        queue.Dispose();
        await server.DisposeAsync();
    }

    private static TimeSpan ClientCpuTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// The folder a standard build's <c>src/Api/bin/...</c> sits in (the worktree, or <c>ledger-build-&lt;commit&gt;</c> of
    /// <c>--compare-ref</c>), else the DLL's own folder: the report must tell two builds of the same layout apart.
    /// </summary>
    private static string BuildName(string dll)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dll))!;
        var at = folder.IndexOf(string.Join(Path.DirectorySeparatorChar, "", "src", "Api", "bin", ""), StringComparison.Ordinal);
        return Path.GetFileName(at > 0 ? folder[..at] : folder);
    }
}
