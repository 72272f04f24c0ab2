using System.Data;
using System.Text;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Projections;

/// <summary>One household found by <see cref="HouseholdSearch"/>.</summary>
/// <param name="Passbook">Its passbook number.</param>
/// <param name="HeadName">The head of household.</param>
/// <param name="Members">Every member, the head first.</param>
/// <param name="Address">Its address, if given.</param>
public sealed record HouseholdFound(string Passbook, string HeadName, IReadOnlyList<string> Members, string? Address);

/// <summary>Searches the households of one community in the table <see cref="HouseholdSearchProjection"/> keeps.</summary>
public static class HouseholdSearch
{
    /// <summary>The most households one answer lists: a whole village's tick list.</summary>
    public const int MaxLimit = 5000;

    /// <summary>
    /// Households of <paramref name="communityId"/> whose passbook or any member's name contains <paramref name="query"/>
    /// (case-insensitive; every household when empty), a passbook equal to it first, then by passbook. Reads one more
    /// than <paramref name="limit"/> so the caller can tell the list was cut.
    /// </summary>
    public static async Task<IReadOnlyList<HouseholdFound>> FindAsync(
        IReadModelStore store, string communityId, string? query, int limit, CancellationToken cancellationToken)
    {
        var text = (query ?? "").Trim().ToLowerInvariant();
        var sql = new StringBuilder($"SELECT passbook, head_name, members, address FROM {HouseholdSearchProjection.Table} WHERE community_id = @community");
        if (text.Length > 0)
        {
            // LIKE's wildcards in what the person typed are matched literally.
            sql.Append(@" AND search LIKE @pattern ESCAPE '\'");
        }

        sql.Append(" ORDER BY CASE WHEN lower(passbook) = @exact THEN 0 ELSE 1 END, passbook LIMIT @limit");
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(sql.ToString());
        Add(command, "@community", communityId, DbType.String);
        Add(command, "@pattern", "%" + Escape(text) + "%", DbType.String);
        Add(command, "@exact", text, DbType.String);
        Add(command, "@limit", (long)limit + 1, DbType.Int64);

        var found = new List<HouseholdFound>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new HouseholdFound(
                reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(HouseholdSearchProjection.Separator),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return found;
    }

    /// <summary>Every passbook of <paramref name="communityId"/>, in order: the households a community-wide job visits.</summary>
    public static async Task<IReadOnlyList<string>> PassbooksAsync(IReadModelStore store, string communityId, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT passbook FROM {HouseholdSearchProjection.Table} WHERE community_id = @community ORDER BY passbook");
        Add(command, "@community", communityId, DbType.String);
        var passbooks = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            passbooks.Add(reader.GetString(0));
        }

        return passbooks;
    }

    private static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static void Add(System.Data.Common.DbCommand command, string name, object value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
