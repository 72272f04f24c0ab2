namespace Ledger.Api.Tests.Support;

/// <summary>
/// A SQLite API whose store can be made to fail on demand (<see cref="FaultyEventStore"/>), started before each test
/// class's tests: what clients, load balancers and monitors see when the store misbehaves.
/// </summary>
public abstract class FaultyStoreHost : IAsyncLifetime
{
    private FaultyEventStore? _store;

    protected FaultyStoreHost() => Api = new SqliteApi { DecorateStore = inner => _store = new FaultyEventStore(inner) };

    protected SqliteApi Api { get; }

    protected FaultyEventStore Store => _store ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        Api.CreateClient().Dispose();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Api).DisposeAsync();
}
