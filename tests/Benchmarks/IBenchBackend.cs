using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>One backend under test, with its raw yardsticks on the same database engine and machine.</summary>
public interface IBenchBackend : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Name { get; }

    /// <summary>Engine version and the settings that decide what a commit costs, for the report.</summary>
    Task<string> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>A new, empty, initialised store with a database of its own. Dropped when the backend is disposed.</summary>
    Task<ILedgerStore> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>Closes <paramref name="store"/> and deletes its database.</summary>
    Task DropStoreAsync(ILedgerStore store);

    /// <summary>The append yardstick for <paramref name="writers"/> concurrent writers, on fresh raw tables.</summary>
    Task<IAppendWorkload> OpenRawAppendAsync(int writers, BenchOptions options, CancellationToken cancellationToken);

    /// <summary>An experiment to run beside the append yardstick with <c>--experiments</c>, or null.</summary>
    Task<IAppendWorkload?> OpenAppendExperimentAsync(int writers, BenchOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<IAppendWorkload?>(null);

    /// <summary>The read yardstick: a raw sequential read of every event row <paramref name="store"/> holds. Returns the rows read.</summary>
    Task<long> RawReadAllAsync(ILedgerStore store, CancellationToken cancellationToken);
}
