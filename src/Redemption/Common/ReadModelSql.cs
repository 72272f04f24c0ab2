using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Redemption.Common;

/// <summary>
/// The little ADO.NET the supermarket's read models need. Their SQL is the same on SQLite and PostgreSQL: text, bigint,
/// <c>ON CONFLICT</c> upserts; flags are 0/1 bigints and days are <c>yyyy-MM-dd</c> text, so no dialect-specific types.
/// </summary>
internal static class ReadModelSql
{
    /// <summary>A text parameter (null allowed).</summary>
    public static ReadModelParameter Text(string name, string? value) => new(name, value, DbType.String);

    /// <summary>A bigint parameter (null allowed).</summary>
    public static ReadModelParameter Int(string name, long? value) => new(name, value, DbType.Int64);

    /// <summary>A query's command; parameters are typed even when null, as PostgreSQL cannot infer every untyped null.</summary>
    public static DbCommand Command(IReadModelTransaction transaction, string sql, params ReadModelParameter[] parameters)
    {
        var command = transaction.CreateCommand(sql);
        foreach (var p in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            if (p.Type is { } type)
            {
                parameter.DbType = type;
            }

            parameter.Value = p.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A write, through <see cref="IReadModelTransaction.WriteAsync"/> (compiled once on SQLite, batched on PostgreSQL).</summary>
    public static Task ExecuteAsync(
        IReadModelTransaction transaction, string sql, CancellationToken cancellationToken, params ReadModelParameter[] parameters) =>
        transaction.WriteAsync(sql, parameters, cancellationToken);

    /// <summary>The event's data: as decided when an inline read model reads the append's own events (see <see cref="DecidedEvents"/>).</summary>
    public static T Read<T>(RecordedEvent e)
        where T : class => DecidedEvents.Read<T>(e);

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
