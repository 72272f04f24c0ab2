using Ledger.EventStore.Projections;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends are serialised on one writer connection, those that
/// queue up are committed together (<see cref="SqliteCommitQueue"/>), and none is acknowledged before its commit is
/// synced to disk (<see cref="SqliteWalSync"/>), so an acknowledged append survives a crash or power loss. Reads run
/// beside them.
/// </summary>
public sealed class SqliteEventStore : ILedgerStore, IAsyncDisposable, IDisposable
{
    private readonly EventStoreOptions _options;
    private readonly SqliteConnections _connections;
    private readonly SqliteWalSync _walSync;
    private readonly SqliteWriter _writer;
    private readonly SqliteReader _reader;
    private readonly SemaphoreSlim _initialising = new(1, 1);
    private SqliteAppender? _appender;
    private SqliteWalCheckpointer? _walCheckpointer;

    /// <summary>A store on <paramref name="settings"/>' file; call <see cref="InitializeAsync"/> before use.</summary>
    public SqliteEventStore(SqliteEventStoreSettings settings, EventStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = options ?? new EventStoreOptions();
        if (_options.ReadBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ReadBatchSize, "ReadBatchSize must be at least 1.");
        }

        _connections = new SqliteConnections(settings);
        _walSync = new SqliteWalSync(settings.BeforeWalSync);
        _writer = new SqliteWriter(_walSync);
        _reader = new SqliteReader(_connections, _walSync, _options.ReadBatchSize);
        Checkpoints = new SqliteCheckpointStore(_connections, _writer);
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath => _connections.FilePath;

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initialising.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_appender is not null)
            {
                return;
            }

            _writer.Attach(await SqliteSchema.Instance.OpenWriterAsync(_connections, cancellationToken).ConfigureAwait(false));
            _walSync.Open(FilePath);
            SqliteAppender? appender = null;
            try
            {
                appender = new SqliteAppender(_writer, _options);
                await EnsureInlineProjectionSchemasAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Leave the store as it was before the call, so a retry opens the file afresh.
                appender?.Dispose();
                _writer.Dispose();
                throw;
            }

            _appender = appender;
            _walCheckpointer = new SqliteWalCheckpointer(_connections);
        }
        finally
        {
            _initialising.Release();
        }
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        Appender.AppendAsync(appends, idempotency, null, cancellationToken);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult> written, CancellationToken cancellationToken) =>
        Appender.AppendAsync(appends, idempotency, written, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        Reader.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        Reader.ReadAllAsync(afterPosition, cancellationToken);

    /// <inheritdoc />
    public Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) => Reader.ReadHeadAsync();

    /// <inheritdoc />
    public Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        Reader.FindIdempotencyKeyAsync(key);

    /// <inheritdoc />
    public IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default) =>
        Reader.ReadStreamHeadsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default)
    {
        _ = Appender;
        return new SqliteImporter(_writer, _options).ImportAsync(events, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default) =>
        SqliteReadModelTransaction.Owning(await _writer.BeginAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default)
    {
        _ = Appender;
        var connection = _connections.OpenQuery();
        try
        {
            // Deferred: the snapshot is taken at the first read, and no lock is ever asked for beyond a reader's.
            // Settled when disposed: the caller's answer waits until what it read is on disk.
            return Task.FromResult<IReadModelTransaction>(
                new ReadModelQuery(SqliteDialect.Instance, connection, connection.BeginTransaction(deferred: true), _walSync.SettledAsync));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the writer and every pooled reader, releasing the file.</summary>
    public void Dispose()
    {
        _walCheckpointer?.Dispose();
        _walCheckpointer = null;
        _appender?.Dispose();
        _appender = null;
        _walSync.Dispose();
        _writer.Dispose();
        _connections.ClearPool();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task EnsureInlineProjectionSchemasAsync(CancellationToken cancellationToken)
    {
        if (_options.InlineProjections.Count == 0)
        {
            return;
        }

        await using var transaction = await BeginReadModelTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ProjectionSchema.EnsureAsync(transaction, _options.InlineProjections, cancellationToken).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteReader Reader => _appender is not null
        ? _reader
        : throw new InvalidOperationException("The SQLite event store is not initialised: call InitializeAsync first.");

    private SqliteAppender Appender =>
        _appender ?? throw new InvalidOperationException("The SQLite event store is not initialised: call InitializeAsync first.");
}
