using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Keys;

/// <summary>
/// Settles which key is the admin key at start-up: the configured one, or else the one generated on the very first
/// start. A generated key is printed once to <c>output</c> and only its hash is stored.
/// </summary>
public sealed class AdminKeyBootstrap(IEventStore store, EventTypeRegistry eventTypes)
{
    /// <summary>The line that precedes a generated key, so operators (and scripts) can find it.</summary>
    public const string ShownOncePrefix = "Admin key (shown once, store it now): ";

    /// <summary>Returns the SHA-256 hex of the admin key, generating and printing one if needed.</summary>
    public async Task<string> EnsureAsync(string? configuredKey, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return ApiKeys.Hash(configuredKey);
        }

        if (await ReadStoredHashAsync(cancellationToken) is { } storedHash)
        {
            return storedHash;
        }

        var key = ApiKeys.Generate();
        var generated = new AdminKeyGenerated(ApiKeys.Hash(key));
        try
        {
            await store.AppendAsync(
                ApiKeys.AdminStreamId,
                ExpectedVersion.NoStream,
                [eventTypes.ToNewEvent(generated, new EventMetadata(Principal.System.Id))],
                cancellationToken: cancellationToken);
        }
        catch (ConcurrencyException)
        {
            // Another instance started at the same moment and its key won; ours was never valid, so print nothing.
            return await ReadStoredHashAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Stream '{ApiKeys.AdminStreamId}' exists but holds no admin key.");
        }

        await output.WriteLineAsync(ShownOncePrefix + key);
        await output.FlushAsync(cancellationToken);
        return generated.KeyHash;
    }

    private async Task<string?> ReadStoredHashAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(ApiKeys.AdminStreamId, 1, cancellationToken))
        {
            if (eventTypes.Deserialize(e) is AdminKeyGenerated generated)
            {
                return generated.KeyHash;
            }
        }

        return null;
    }
}
