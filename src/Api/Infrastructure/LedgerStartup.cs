using Ledger.EventStore;
using Ledger.Keys;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Infrastructure;

/// <summary>Where start-up messages meant for the operator (the generated admin key) are written.</summary>
/// <param name="Writer">Standard output unless a test captures it.</param>
public sealed record OperatorConsole(TextWriter Writer);

/// <summary>The admin key's hash, settled at start-up before the server accepts requests.</summary>
public sealed class AdminKeyState
{
    private byte[]? _hash;

    /// <summary>Records the admin key's SHA-256 hex.</summary>
    public void Set(string keyHash) => _hash = Convert.FromHexString(keyHash);

    /// <summary>True when <paramref name="keyHash"/> is the admin key's (compared in constant time).</summary>
    public bool Matches(string keyHash) =>
        _hash is { } admin && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(admin, Convert.FromHexString(keyHash));
}

/// <summary>
/// Opens the store (creating or migrating its schema) and settles the admin key, once per process. The program runs it
/// before starting the host, so a store that cannot be opened is reported in one line rather than as a host failure
/// with a stack trace; it is also a hosted service, so hosts that skip the program's run loop (test hosts) run it too.
/// </summary>
public sealed class LedgerStartup(IServiceProvider services) : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>True once the store is open with its schema current and the admin key settled.</summary>
    public bool IsStarted => _done;

    /// <summary>Initialises the store and the admin key unless that was already done.</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            var store = services.GetRequiredService<ILedgerStore>();
            await store.InitializeAsync(cancellationToken);
            var hash = await services.GetRequiredService<AdminKeyBootstrap>().EnsureAsync(
                services.GetRequiredService<IOptions<LedgerSettings>>().Value.AdminKey,
                services.GetRequiredService<OperatorConsole>().Writer,
                cancellationToken);
            services.GetRequiredService<AdminKeyState>().Set(hash);
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => EnsureStartedAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
