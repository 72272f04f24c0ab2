using Ledger.EventStore;
using Microsoft.Data.Sqlite;

namespace Ledger.Tests.EventStore;

/// <summary>Direct access to a ledger file behind the store's back, as an operator or a tamperer would have.</summary>
internal static class SqliteRaw
{
    public static NewEvent Event(string note) =>
        new(Guid.NewGuid(), "ContractTested.v1", $$"""{"note":"{{note}}"}""", new EventMetadata("key:sqlite"));

    public static SqliteConnection OpenRaw(string path)
    {
        // Pooling off: the test's own connection must not keep the file open behind the store's back.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Raw(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
