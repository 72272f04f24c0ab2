using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// The ledger's API as operators run it: its own process, real Kestrel on a loopback port, Release build, logging at
/// warnings. The benchmark talks to it only through HTTP, so the figures include routing, authentication, JSON and
/// the mediator, and the client's work does not share the server's garbage collector.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>CPU the server has used so far: per redemption, a figure the shared machine's load hardly moves.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The Release build that benchmarks/run.sh makes, unless <c>--api</c> names another (an older build, say).</summary>
    public static string DefaultDll => Path.Combine(RepoPaths.Root, "src", "Api", "bin", "Release", "net10.0", "Ledger.Api.dll");

    /// <summary>Starts <paramref name="dll"/> with <paramref name="settings"/> (configuration keys) and waits until it answers.</summary>
    public static async Task<ApiProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build it with `dotnet build src/Api -c Release` (benchmarks/run.sh does).");
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        // Drained, so a chatty server never blocks on a full pipe; the first lines are kept for a failed start.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200, cancellationToken))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync("/health", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Starting slowly on a busy machine.
            }
        }

        await api.DisposeAsync();
        throw new InvalidOperationException($"The API did not become healthy:\n{string.Join('\n', output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is not null && output.Count < 50)
        {
            output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
