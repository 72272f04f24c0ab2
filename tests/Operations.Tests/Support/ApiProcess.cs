using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Operations.Tests.Support;

/// <summary>
/// The ledger's executable as an operator starts it: its own process from the build output of <c>src/Api</c>, its own
/// <c>appsettings.json</c>, configuration through the environment, every line it prints kept for the test to read.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Keep("out", e.Data);
        process.ErrorDataReceived += (_, e) => Keep("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where it listens (when it serves).</summary>
    public Uri Address { get; }

    /// <summary>Standard output's lines, in order.</summary>
    public IReadOnlyList<string> Output => [.. _lines.Where(l => l.StartsWith("out ", StringComparison.Ordinal)).Select(l => l[4..])];

    /// <summary>Standard error's lines, in order.</summary>
    public IReadOnlyList<string> Error => [.. _lines.Where(l => l.StartsWith("err ", StringComparison.Ordinal)).Select(l => l[4..])];

    /// <summary>The build of <c>src/Api</c> in the same configuration as this test assembly.</summary>
    public static string Dll
    {
        get
        {
            var here = AppContext.BaseDirectory; // tests/Operations.Tests/bin/{Configuration}/net10.0/
            var configuration = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepoRoot, "src", "Api", "bin", configuration, "net10.0", "Ledger.Api.dll");
        }
    }

    /// <summary>The folder holding Ledger.sln.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Ledger.sln not found above the test's folder.");
        }
    }

    /// <summary>
    /// Starts the executable with <paramref name="args"/> in <paramref name="workingDirectory"/> and
    /// <paramref name="settings"/> (configuration keys, passed as environment variables). Serves on a free port unless
    /// <paramref name="address"/> names one.
    /// </summary>
    public static ApiProcess Start(
        string workingDirectory, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string>? args = null, Uri? address = null)
    {
        address ??= new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Logging__LogLevel__Default");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ApiProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), address);
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // lets the output readers drain
        return _process.ExitCode;
    }

    /// <summary>Waits until <c>GET /health</c> answers 200.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        // A probe that gives up on a slow answer asks again, and the server then logs two requests: on a loaded machine
        // the first /health took over 2 s and the request-log test counted a second one. Refused connections fail at once.
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < timeout; await Task.Delay(100))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
        }

        throw new InvalidOperationException($"The API did not become healthy:\n{string.Join('\n', _lines)}");
    }

    /// <summary>Stops the server as a service manager would (SIGTERM), then waits for it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            Posix.Signal(_process.Id, Posix.SigTerm);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string stream, string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue($"{stream} {line}");
        }
    }
}
