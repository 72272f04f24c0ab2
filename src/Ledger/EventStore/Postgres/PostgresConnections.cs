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

    /// <summary>True for failures of the server or the network rather than of a statement.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)                 // shutting down, cannot connect now
            || pg.SqlState.StartsWith("28", StringComparison.Ordinal)                  // authentication failed
            || pg.SqlState == PostgresErrorCodes.InvalidCatalogName                    // no such database
            || pg.SqlState == PostgresErrorCodes.TooManyConnections,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException n => n.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The exception for <paramref name="cause"/>, naming the server without leaking the password.</summary>
    public static EventStoreUnavailableException Unavailable(NpgsqlDataSource dataSource, Exception cause)
    {
        var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new EventStoreUnavailableException(
            $"The PostgreSQL event store at {target.Host}:{target.Port}, database '{target.Database}', is unavailable: {cause.Message}",
            cause);
    }
}
