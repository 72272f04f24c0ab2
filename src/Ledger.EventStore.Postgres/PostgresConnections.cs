using System.Net.Sockets;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>Opens connections and turns "the database is not there" into <see cref="EventStoreUnavailableException"/>.</summary>
internal static class PostgresConnections
{
    /// <summary>Opens a pooled connection, or says clearly which server could not be reached and why.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(dataSource, e);
        }
    }

    /// <summary>
    /// True for failures of the server or the network rather than of a statement, anywhere in <paramref name="e"/>'s
    /// chain: the server refused or dropped the connection, is shutting down or starting, is a standby now (a write
    /// after a failover, 25006), or no host of the connection string is a reachable primary ("No suitable host was
    /// found", which Npgsql raises with no inner error when every host answered but none could take writes). Every
    /// client-side <see cref="NpgsqlException"/> that is not a server's <see cref="PostgresException"/> is such a
    /// failure: the driver could not talk to the server.
    /// </summary>
    public static bool IsUnavailable(Exception? e) => e switch
    {
        null => false,
        EventStoreUnavailableException => true,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)                 // shutting down, cannot connect now
            || pg.SqlState.StartsWith("28", StringComparison.Ordinal)                  // authentication failed
            || pg.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction                // a standby now: failed over
            || pg.SqlState == PostgresErrorCodes.InvalidCatalogName                    // no such database
            || pg.SqlState == PostgresErrorCodes.TooManyConnections
            || pg.SqlState == PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ => IsUnavailable(e.InnerException),
    };

    /// <summary>
    /// The exception for <paramref name="cause"/>, naming the server without leaking the password. Empties the
    /// connection pool too: after a failover every idle connection points at the old primary, and each would fail
    /// one request before being dropped; with the pool empty the next request connects to the new primary.
    /// </summary>
    public static EventStoreUnavailableException Unavailable(NpgsqlDataSource dataSource, Exception cause)
    {
        dataSource.Clear();
        var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new EventStoreUnavailableException(
            $"The PostgreSQL event store at {target.Host}:{target.Port}, database '{target.Database}', is unavailable: {cause.Message}",
            cause);
    }
}
