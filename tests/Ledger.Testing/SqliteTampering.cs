using Microsoft.Data.Sqlite;

namespace Ledger.Testing;

/// <summary>Alters a live SQLite ledger file as someone holding the file would: past the append-only trigger.</summary>
public static class SqliteTampering
{
    /// <summary>Rewrites the points of the household's awards (10 becomes 910); returns how many events were altered.</summary>
    public static int AlterAwards(string databasePath, string passbook)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "DROP TRIGGER IF EXISTS events_are_never_updated; "
            + "UPDATE events SET data = replace(data, '\"points\":', '\"points\":9') "
            + "WHERE stream_id = @stream AND (type LIKE 'PointsAwarded.v%' OR type LIKE 'ActivityPointsAwarded.v%');";
        command.Parameters.AddWithValue("@stream", "household-" + passbook);
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Rewrites the household's expiries to take more (5 becomes 95, in the total and in each lot alike, so they still add
    /// up); returns how many events were altered.
    /// </summary>
    public static int AlterExpiries(string databasePath, string passbook) =>
        Alter(databasePath, "household-" + passbook, "PointsExpired.v%", "\"points\":", "\"points\":9");

    /// <summary>Rewrites the points drawn from a sponsor's budget (10 becomes 910); returns how many draws were altered.</summary>
    public static int AlterSponsorshipDraws(string databasePath, string communityId, string sponsorshipId) =>
        Alter(databasePath, $"sponsorship-{communityId}/{sponsorshipId}", "SponsorshipPointsDrawn.v%", "\"points\":", "\"points\":9");

    /// <summary>Rewrites the units of an item's receipts credited to a donor (20 becomes 920); returns how many were altered.</summary>
    public static int AlterDonatedStock(string databasePath, string communityId, string sku) =>
        Alter(databasePath, $"catalog-{communityId}/{sku}", "StockReceived.v%", "\"quantity\":", "\"quantity\":9", "%\"sponsorshipId\"%");

    private static int Alter(string databasePath, string stream, string typePattern, string from, string to, string dataPattern = "%")
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "DROP TRIGGER IF EXISTS events_are_never_updated; "
            + "UPDATE events SET data = replace(data, @from, @to) WHERE stream_id = @stream AND type LIKE @type AND data LIKE @data;";
        command.Parameters.AddWithValue("@stream", stream);
        command.Parameters.AddWithValue("@type", typePattern);
        command.Parameters.AddWithValue("@from", from);
        command.Parameters.AddWithValue("@to", to);
        command.Parameters.AddWithValue("@data", dataPattern);
        return command.ExecuteNonQuery();
    }
}
