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
    /// Builds the data source. Unless the connection string says otherwise, statements are prepared on their
    /// second use: an append and a page read are each one prepared statement, planned once per connection.
    /// </summary>
    internal NpgsqlDataSource BuildDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (LoggerFactory is not null)
        {
            builder.UseLoggerFactory(LoggerFactory);
        }

        return builder.Build();
    }
}
