using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Ledger.EventStore;

namespace Ledger.Redemption.Common;

/// <summary>
/// The little ADO.NET the supermarket's read models need. Their SQL is the same on SQLite and PostgreSQL: text, bigint,
/// <c>ON CONFLICT</c> upserts; flags are 0/1 bigints and days are <c>yyyy-MM-dd</c> text, so no dialect-specific types.
/// </summary>
internal static class ReadModelSql
{
    /// <summary>A text parameter (null allowed).</summary>
    public static SqlParam Text(string name, string? value) => new(name, value, DbType.String);

    /// <summary>A bigint parameter (null allowed).</summary>
    public static SqlParam Int(string name, long? value) => new(name, value, DbType.Int64);

    public static DbCommand Command(IReadModelTransaction transaction, string sql, params SqlParam[] parameters)
    {
        var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.Transaction;
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            // Typed even when null: PostgreSQL cannot infer the type of an untyped null in every position.
            parameter.DbType = p.Type;
            parameter.Value = p.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task ExecuteAsync(
        IReadModelTransaction transaction, string sql, CancellationToken cancellationToken, params SqlParam[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static T Read<T>(RecordedEvent e) =>
        JsonSerializer.Deserialize<T>(e.Data, LedgerJson.Options) ?? throw new JsonException($"Event {e.EventId} has null data.");

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static long? NullableLong(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

/// <summary>One named, typed parameter.</summary>
internal readonly record struct SqlParam(string Name, object? Value, DbType Type);
