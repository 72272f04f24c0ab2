using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ledger.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL append yardstick: pgbench (the server's own C client) running benchmarks/pgbench/append.sql
/// against a database of its own on the same server, with the server's durable defaults.
/// </summary>
public static partial class PgBench
{
    /// <summary>Where pgbench lives: `pg_config --bindir`, else the Debian default.</summary>
    public static string Executable { get; } = Path.Combine(PgBinDir(), "pgbench");

    /// <summary>Runs pgbench with <paramref name="clients"/> clients for <paramref name="seconds"/> seconds.</summary>
    public static async Task<LoopResult> RunAsync(
        string connectionString, int clients, int seconds, int households, CancellationToken cancellationToken)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.Combine(AppContext.BaseDirectory, "pgbench", "append.sql");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--no-vacuum", "--file", script, "--client", clients.ToString(CultureInfo.InvariantCulture),
                     "--jobs", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                     "--time", seconds.ToString(CultureInfo.InvariantCulture),
                     "-D", $"nclients={clients}", "-D", $"households={households}",
                     "--host", cs.Host ?? "127.0.0.1", "--port", cs.Port.ToString(CultureInfo.InvariantCulture),
                     "--username", cs.Username ?? "postgres", cs.Database ?? "postgres",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds + 60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}):\n{output}\n{await stderr}");
        }

        var transactions = long.Parse(Match(ProcessedRegex(), output), CultureInfo.InvariantCulture);
        var failed = FailedRegex().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var tps = double.Parse(Match(TpsRegex(), output), CultureInfo.InvariantCulture);
        var latency = double.Parse(Match(LatencyRegex(), output), CultureInfo.InvariantCulture);
        // pgbench's tps excludes connection time; express it as a count over the window like the closed loop does.
        return new LoopResult((long)Math.Round(tps * seconds), TimeSpan.FromSeconds(seconds), latency, double.NaN, failed)
        {
            Note = $"pgbench: {transactions} transactions, {tps:F1} tps",
        };
    }

    private static string Match(Regex regex, string output) =>
        regex.Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"pgbench output not understood:\n{output}");

    private static string PgBinDir()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true })!;
            var dir = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            if (p.ExitCode == 0 && Directory.Exists(dir))
            {
                return dir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH: fall through to the Debian location.
        }

        return Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).First();
    }

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedRegex();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedRegex();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex TpsRegex();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex LatencyRegex();
}
