using System.Text.Json;
using Ledger.EventStore;
using Npgsql;

namespace Ledger.Tests.EventStore;

/// <summary>Raw SQL and sample events for the PostgreSQL-only tests.</summary>
internal static class PostgresTestSql
{
    internal static NewEvent Event(string note = "note") =>
        new(Guid.NewGuid(), "ContractTested.v1", JsonSerializer.Serialize(new { note }), new EventMetadata("key:test"));

    internal static NewEvent[] Events(int count, string prefix) =>
        [.. Enumerable.Range(1, count).Select(i => Event($"{prefix}{i}"))];

    internal static string? Note(string data) => JsonDocument.Parse(data).RootElement.GetProperty("note").GetString();

    /// <summary>A key with a response to store, which takes the append into an explicit transaction.</summary>
    internal static IdempotencyKey Key(string key) => new(key, "hash", r => $$"""{"position":{{r.LastPosition}}}""");

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static Task<long> ScalarAsync(string connectionString, string sql) => ScalarAsync<long>(connectionString, sql);

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
