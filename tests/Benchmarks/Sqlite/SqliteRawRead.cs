using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>
/// The SQLite read yardstick: a bare DataReader loop over the store's own event rows in position order,
/// reading every column of every row (as the store must) and throwing the values away.
/// </summary>
public static class SqliteRawRead
{
    /// <summary>Reads every row of <paramref name="table"/> ordered by <paramref name="positionColumn"/>; returns the row count.</summary>
    public static long ReadAll(string path, string table, string positionColumn)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY {positionColumn}";
        using var reader = command.ExecuteReader();
        long rows = 0;
        var width = reader.FieldCount;
        var values = new object[width];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}
