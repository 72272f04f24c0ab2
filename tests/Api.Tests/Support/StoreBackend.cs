using System.Text;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// Which store a test host runs on, given as the configuration the API reads (<c>Ledger:Store</c> and friends), so the
/// host composes its store exactly as in production.
/// </summary>
public abstract class StoreBackend : IAsyncDisposable
{
    /// <summary>Makes the backend's database and returns the settings that point the API at it.</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> PrepareAsync();

    /// <summary>Everything the backend has stored, as text, for "this secret is stored nowhere" checks.</summary>
    public abstract Task<string> DumpAsync();

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A SQLite file in a temporary folder of its own.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database file.</summary>
    public string FilePath => Path.Combine(_folder, "ledger.db");

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, string?>> PrepareAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["Ledger:Store"] = "sqlite",
            ["Ledger:SqlitePath"] = FilePath,
        });

    /// <inheritdoc />
    public override async Task<string> DumpAsync()
    {
        // Raw bytes of the database and its write-ahead log: whatever a thief copying the folder would get.
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(_folder))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file for a moment; the temp folder is cleaned eventually.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A database of its own on the test process's shared PostgreSQL server.</summary>
public sealed class PostgresBackend : StoreBackend
{
    private string? _connectionString;

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, string?>> PrepareAsync()
    {
        _connectionString = await new PostgresEventStoreFactory().CreateDatabaseAsync();
        return new Dictionary<string, string?>
        {
            ["Ledger:Store"] = "postgres",
            ["ConnectionStrings:Ledger"] = _connectionString,
        };
    }

    /// <inheritdoc />
    public override async Task<string> DumpAsync()
    {
        // Every row of every table in the database, as PostgreSQL prints it.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
                         "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await dump.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}

/// <summary>The store of another host, left to that host to make and remove.</summary>
public sealed class SharedStoreBackend(IReadOnlyDictionary<string, string?> settings) : StoreBackend
{
    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, string?>> PrepareAsync() => Task.FromResult(settings);

    /// <inheritdoc />
    public override Task<string> DumpAsync() => throw new NotSupportedException("Dump the store through the host that made it.");
}
