using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ledger.Testing;

/// <summary>
/// One throwaway PostgreSQL server per test process: started on first use, shared by every test, stopped and
/// deleted when the process exits. With <c>LEDGER_TEST_POSTGRES</c> set to a connection string, that server is
/// used instead and nothing is started.
/// </summary>
/// <remarks>
/// The cluster keeps PostgreSQL's defaults (fsync and synchronous_commit on), so what tests and benchmarks see
/// is what production sees. The cluster is a copy of a template made once by initdb (<see cref="PostgresTemplate"/>).
/// Data folders live under the temp folder as <c>ledger-pgtest-*</c>, each holding the owning process id; a
/// later run stops and deletes the folders of processes that are gone, so crashed runs do not pile up.
/// </remarks>
public sealed class PostgresServer
{
    /// <summary>The environment variable that names an existing server to use instead.</summary>
    public const string ConnectionStringVariable = "LEDGER_TEST_POSTGRES";

    private const string FolderPrefix = "ledger-pgtest-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string connectionString, bool isExternal, TimeSpan startTime)
    {
        ConnectionString = connectionString;
        IsExternal = isExternal;
        StartTime = startTime;
    }

    /// <summary>Connects as a superuser to the server's maintenance database.</summary>
    public string ConnectionString { get; }

    /// <summary>True when the server came from <see cref="ConnectionStringVariable"/>: this process did not start it.</summary>
    public bool IsExternal { get; }

    /// <summary>How long it took to make the server ready (zero for an external one).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>The shared server, started on first call.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>The connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } external)
        {
            return new PostgresServer(external, isExternal: true, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        var binaries = PostgresBinaries.Find();
        PostgresServerCleanup.ReapAbandonedFolders(binaries, FolderPrefix, OwnerFile);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString());
        var data = Path.Combine(folder, "data");
        var log = Path.Combine(folder, "server.log");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresServerCleanup.StopQuicklyAndDelete(folder);
        PostgresServerCleanup.StartWatchdog(binaries, folder);
        try
        {
            if (PostgresBinaries.RunAsPostgres)
            {
                PostgresBinaries.Run("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
            }

            PostgresTemplate.CreateCluster(binaries, data);
            var port = await StartOnFreePortAsync(binaries, data, folder, log);
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres",
            }.ConnectionString;
            await WaitUntilAcceptingAsync(connectionString, log);
            return new PostgresServer(connectionString, isExternal: false, clock.Elapsed);
        }
        catch (Exception e) when (e is not PostgresServerException)
        {
            throw new PostgresServerException($"Could not start the test PostgreSQL server in {folder}: {e.Message}{LogTail(log)}", e);
        }
    }

    /// <summary>Picks a free port and starts; retries when another process takes the port in between.</summary>
    private static async Task<int> StartOnFreePortAsync(PostgresBinaries binaries, string data, string folder, string log)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {port}
                unix_socket_directories = '{folder}'
                max_connections = 300
                """);
            try
            {
                binaries.Run("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "start"]);
                return port;
            }
            catch (PostgresServerException) when (attempt < 3)
            {
                // Most likely the port was taken between probing and binding; the next lines of the
                // configuration override this attempt's port.
            }
        }
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, string log)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
            catch (NpgsqlException e)
            {
                throw new PostgresServerException($"The test PostgreSQL server never accepted connections.{LogTail(log)}", e);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LogTail(string log)
    {
        if (!File.Exists(log))
        {
            return "";
        }

        var lines = File.ReadAllLines(log);
        return $"{Environment.NewLine}Server log ({log}), last lines:{Environment.NewLine}" +
               string.Join(Environment.NewLine, lines.TakeLast(30));
    }
}

/// <summary>The test server could not be found, started or reached.</summary>
public sealed class PostgresServerException(string message, Exception? inner = null) : Exception(message, inner);
