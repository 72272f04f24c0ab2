using System.Diagnostics;
using System.Net;
using Ledger.Operations.Tests.Support;

namespace Ledger.Operations.Tests.Failover;

/// <summary>
/// A Patroni-managed PostgreSQL pair on 127.0.0.1: one etcd, two nodes with synchronous replication, each node run as
/// the postgres user (PostgreSQL refuses root) in its own data folder, every port free and picked here. Patroni's
/// <c>ttl</c> is 10 s with a 1 s loop, so the standby takes over about 10 s after the primary's node dies.
/// </summary>
public sealed class PatroniCluster : IAsyncDisposable
{
    private const string Missing =
        "The failover drill needs Patroni and etcd: install the Debian packages `patroni` and `etcd-server` (.ci/run does).";

    private readonly string _folder;
    private readonly Process _etcd;
    private readonly List<Node> _nodes = [];

    private PatroniCluster(string folder, Process etcd) => (_folder, _etcd) = (folder, etcd);

    /// <summary>The nodes, in start order; the first bootstraps and leads at first.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>Every node, for <c>ConnectionStrings:Ledger</c>: Npgsql connects to whichever takes writes.</summary>
    public string ConnectionString =>
        $"Host={string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.PostgresPort}"))};Username=postgres;Database=postgres;" +
        "Target Session Attributes=read-write;Timeout=3";

    /// <summary>Starts etcd and two nodes, and waits for a leader and a synchronous standby.</summary>
    public static async Task<PatroniCluster> StartAsync(TimeSpan timeout)
    {
        foreach (var program in new[] { "/usr/bin/patroni", "/usr/bin/etcd" })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing. {Missing}");
            }
        }

        var bin = Run("pg_config", "--bindir").Trim();
        var folder = Directory.CreateTempSubdirectory("ledger-patroni-").FullName;
        var etcdPort = ApiProcess.FreePort();
        var etcd = StartProcess("/usr/bin/etcd", folder, asPostgres: false,
            "--name", "drill", "--data-dir", Path.Combine(folder, "etcd"),
            "--listen-client-urls", $"http://127.0.0.1:{etcdPort}", "--advertise-client-urls", $"http://127.0.0.1:{etcdPort}",
            "--listen-peer-urls", $"http://127.0.0.1:{ApiProcess.FreePort()}", "--listen-metrics-urls", $"http://127.0.0.1:{ApiProcess.FreePort()}");
        var cluster = new PatroniCluster(folder, etcd);
        try
        {
            Run("chown", "postgres:postgres", folder);
            foreach (var name in new[] { "node1", "node2" })
            {
                cluster._nodes.Add(Node.Start(folder, name, bin, etcdPort));
                if (name == "node1")
                {
                    await cluster.WaitForLeaderAsync(timeout);
                }
            }

            await WaitAsync(timeout, "a synchronous standby", async () =>
                await cluster._nodes[1].AnswersAsync("/synchronous") && await cluster._nodes[0].AnswersAsync("/primary"));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node Patroni's REST API calls primary now, or null.</summary>
    public async Task<Node?> FindLeaderAsync()
    {
        foreach (var node in _nodes.Where(n => !n.Killed))
        {
            if (await node.AnswersAsync("/primary"))
            {
                return node;
            }
        }

        return null;
    }

    private Task WaitForLeaderAsync(TimeSpan timeout) => WaitAsync(timeout, "a leader", async () => await FindLeaderAsync() is not null);

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds.</summary>
    public static async Task WaitAsync(TimeSpan timeout, string what, Func<Task<bool>> condition)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < timeout; await Task.Delay(100))
        {
            if (await condition())
            {
                return;
            }
        }

        throw new TimeoutException($"The Patroni cluster did not get {what} in {timeout.TotalSeconds:0} s.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Kill();
        }

        _etcd.Kill(entireProcessTree: true);
        await _etcd.WaitForExitAsync();
        _etcd.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing its files; the temp folder is cleaned eventually.
        }
    }

    internal static Process StartProcess(string program, string workingDirectory, bool asPostgres, params string[] args)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        foreach (var arg in (asPostgres ? new[] { "-u", "postgres", "--", program } : []).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var log = File.AppendText(Path.Combine(workingDirectory, Path.GetFileName(program) + ".log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    internal static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} failed: {process.StandardError.ReadToEnd()}");
    }
}
