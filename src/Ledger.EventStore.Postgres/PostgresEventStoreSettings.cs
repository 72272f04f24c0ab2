using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>Where the PostgreSQL event store lives and how it talks to it.</summary>
/// <param name="ConnectionString">An Npgsql connection string (<c>ConnectionStrings:Ledger</c>).</param>
public sealed record PostgresEventStoreSettings(string ConnectionString)
{
    /// <summary>Receives the store's log (skipped holes in the global feed) and Npgsql's own.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Builds the data source. Unless the connection string says otherwise: statements are prepared on their
    /// second use (an append and a page read are each one prepared statement, planned once per connection), a
    /// connection going back to the pool is not reset, which would add seven statements to the next append, and with
    /// several hosts a host's state (down, standby) is checked again after a second.
    /// The store's own statements leave no session state behind; read models must use SET LOCAL, not SET.
    /// </summary>
    internal NpgsqlDataSource BuildDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        // With several hosts (a failover pair), Npgsql remembers for this long that a host was down or a standby, and
        // sends nothing there meanwhile: with its default of 10 s the API went on refusing ~6 s after a failover had
        // finished. One second bounds that. A single host is left alone: set there, twenty simultaneous awards to one
        // household ran out of retries (AwardHandlerTests on PostgreSQL), for a reason not yet understood.
        if (builder.ConnectionStringBuilder.Host?.Contains(',', StringComparison.Ordinal) == true
            && !given.ContainsKey("Host Recheck Seconds") && !given.ContainsKey("HostRecheckSeconds"))
        {
            builder.ConnectionStringBuilder.HostRecheckSeconds = 1;
        }

        if (LoggerFactory is not null)
        {
            builder.UseLoggerFactory(LoggerFactory);
        }

        return builder.Build();
    }
}
