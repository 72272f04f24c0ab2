using System.Diagnostics;
using System.Globalization;
using Ledger.Benchmarks.Postgres;
using Npgsql;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// The PostgreSQL yardstick of the redemption benchmark: pgbench running benchmarks/pgbench/redeem.sql (the same
/// redemption by hand, in one transaction) on raw tables in a database of its own on the same server. pgbench's
/// per-transaction log gives every latency, so its p50 and p99 are exact like the API's.
/// </summary>
public sealed class PgBenchRedeem(string connectionString, int households) : IRedeemWorkload
{
    /// <summary>(Re)creates the raw tables with the households' balances and the items' stock.</summary>
    public static async Task<PgBenchRedeem> CreateAsync(string connectionString, int households, CancellationToken cancellationToken)
    {
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "pgbench", "redeem_schema.sql"), cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ddl + $"""
            ;
            INSERT INTO streams (id, version, amount)
            SELECT 'household-BH' || lpad(h::text, 6, '0'), 2, 100000 FROM generate_series(1, {households}) h;
            INSERT INTO streams (id, version, amount)
            SELECT 'catalog-item-' || i, 1, {CounterQueue.Stock} FROM generate_series(1, {CounterQueue.HotItems.Length}) i;
            CHECKPOINT;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PgBenchRedeem(connectionString, households);
    }

    public Task<LatencySamples> RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        RunTurnAsync(clerks, null, warmup, window, cancellationToken);

    public Task<LatencySamples> RunPacedAsync(int clerks, double perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        RunTurnAsync(clerks, perSecond, warmup, window, cancellationToken);

    private async Task<LatencySamples> RunTurnAsync(int clerks, double? perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunPgBenchAsync(clerks, perSecond, (int)Math.Ceiling(warmup.TotalSeconds), cancellationToken);
        }

        return await RunPgBenchAsync(clerks, perSecond, (int)Math.Round(window.TotalSeconds), cancellationToken);
    }

    /// <param name="clients">pgbench's clients, one per clerk.</param>
    /// <param name="perSecond">With a rate, pgbench schedules each client's transactions (Poisson) and its log's latency
    /// counts from the scheduled start, as <see cref="PacedLoop"/> does for a clerk who is still busy.</param>
    /// <param name="seconds">How long pgbench runs.</param>
    /// <param name="cancellationToken">Kills pgbench.</param>
    private async Task<LatencySamples> RunPgBenchAsync(int clients, double? perSecond, int seconds, CancellationToken cancellationToken)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var logs = Directory.CreateTempSubdirectory("pgbench-redeem-");
        try
        {
            var start = new ProcessStartInfo(PgBench.Executable)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = logs.FullName,
            };
            foreach (var arg in new[]
                     {
                         "--no-vacuum", "--file", Path.Combine(AppContext.BaseDirectory, "pgbench", "redeem.sql"),
                         "--client", Text(clients), "--jobs", Text(Math.Min(clients, Environment.ProcessorCount)), "--time", Text(seconds),
                         "--log", "--log-prefix", Path.Combine(logs.FullName, "tx"),
                         "-D", $"households={households}", "-D", $"items={CounterQueue.HotItems.Length}", "-D", $"price={CounterQueue.Price}",
                         "--host", cs.Host ?? "127.0.0.1", "--port", Text(cs.Port), "--username", cs.Username ?? "postgres", cs.Database ?? "postgres",
                     })
            {
                start.ArgumentList.Add(arg);
            }

            if (perSecond is { } rate)
            {
                start.ArgumentList.Add("--rate");
                start.ArgumentList.Add(rate.ToString("F0", CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrEmpty(cs.Password))
            {
                start.Environment["PGPASSWORD"] = cs.Password;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            // Each line: client_id transaction_no latency_us script_no epoch_s epoch_us.
            var latencies = logs.GetFiles("tx*")
                .SelectMany(f => File.ReadLines(f.FullName))
                .Select(line => line.Split(' '))
                .Where(fields => fields.Length >= 3 && long.TryParse(fields[2], out _))
                .Select(fields => long.Parse(fields[2], CultureInfo.InvariantCulture) / 1000.0)
                .Order()
                .ToArray();
            return new LatencySamples(latencies, TimeSpan.FromSeconds(seconds), 0);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
