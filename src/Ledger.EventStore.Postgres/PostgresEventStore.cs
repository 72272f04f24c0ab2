using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ledger.EventStore.Projections;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// The production event store on PostgreSQL: tables in the <c>ledger</c> schema, one round trip per plain
/// append, and a global feed that never hands out an event while an earlier position may still commit.
/// </summary>
/// <remarks>
/// The service can run under a role with only SELECT and INSERT on <c>ledger.events</c> and
/// <c>ledger.idempotency_keys</c>; a trigger refuses UPDATE and DELETE there for every role anyway.
/// The schema must then have been created by its owner (run <see cref="InitializeAsync"/> once as the owner).
/// </remarks>
public sealed class PostgresEventStore : ILedgerStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly EventStoreOptions _options;
    private readonly PostgresAppender _appender;
    private readonly PostgresReader _reader;
    private readonly PostgresIdempotencyKeys _keys;

    /// <summary>Opens the store described by <paramref name="settings"/>; call <see cref="InitializeAsync"/> before use.</summary>
    public PostgresEventStore(PostgresEventStoreSettings settings, EventStoreOptions? options = null)
        : this(settings.BuildDataSource(), ownsDataSource: true, options, settings.LoggerFactory)
    {
    }

    /// <summary>Uses a data source owned by the caller (who disposes it).</summary>
    public PostgresEventStore(NpgsqlDataSource dataSource, EventStoreOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(dataSource, ownsDataSource: false, options, loggerFactory)
    {
    }

    private PostgresEventStore(NpgsqlDataSource dataSource, bool ownsDataSource, EventStoreOptions? options, ILoggerFactory? loggerFactory)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options ?? new EventStoreOptions();
        if (_options.ReadBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ReadBatchSize, "ReadBatchSize must be at least 1.");
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresEventStore>();
        _keys = new PostgresIdempotencyKeys(dataSource);
        _appender = new PostgresAppender(dataSource, _options, _keys);
        _reader = new PostgresReader(dataSource, new PostgresHighWaterMark(logger), _options.ReadBatchSize);
        Checkpoints = new PostgresCheckpointStore(dataSource);
    }

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) means the PostgreSQL server cannot be reached or cannot
    /// take writes now, rather than that a statement was wrong: the caller should answer "unavailable, retry".
    /// </summary>
    public static bool IsUnavailable(Exception exception) => PostgresConnections.IsUnavailable(exception);

    /// <summary>The schema version this build creates and understands.</summary>
    public static int SchemaVersion => PostgresSchema.Instance.LatestVersion;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken);
            await PostgresSchema.Instance.MigrateAsync(connection, cancellationToken);
            if (_options.InlineProjections.Count > 0)
            {
                await using var transaction = await BeginReadModelTransactionAsync(cancellationToken);
                await ProjectionSchema.EnsureAsync(transaction, _options.InlineProjections, cancellationToken);

                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (NpgsqlException e)
        {
            // Whatever stops the schema from being checked (unreachable, no such database, no permission)
            // means the store cannot be opened.
            throw PostgresConnections.IsUnavailable(e)
                ? PostgresConnections.Unavailable(_dataSource, e)
                : new EventStoreUnavailableException($"The PostgreSQL event store could not be opened: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        _appender.AppendAsync(appends, idempotency, written: null, cancellationToken);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult> written, CancellationToken cancellationToken) =>
        _appender.AppendAsync(appends, idempotency, written, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        _reader.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        _reader.ReadAllAsync(afterPosition, cancellationToken);

    /// <inheritdoc />
    public Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) => _reader.ReadHeadAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        _keys.FindAsync(key, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken);
        // COLLATE "C": byte order, as SQLite lists them, whatever the database's collation.
        await using var command = new NpgsqlCommand("SELECT id, version, last_hash FROM ledger.streams ORDER BY id COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StreamHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
        }
    }

    /// <inheritdoc />
    public Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default) =>
        PostgresImporter.ImportAsync(_dataSource, _options, events, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresReadModelTransaction(connection, transaction, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default)
    {
        var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            }

            return new ReadModelQuery(PostgresDialect.Instance, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the commit queue once it has written what queued, and closes the connection pool if this store created it.</summary>
    public async ValueTask DisposeAsync()
    {
        _appender.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>Stops the commit queue once it has written what queued, and closes the connection pool if this store created it.</summary>
    public void Dispose()
    {
        _appender.Dispose();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }
}
