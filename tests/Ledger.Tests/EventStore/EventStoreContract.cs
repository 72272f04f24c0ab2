using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.Testing;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The behaviour every event-store backend must show. A backend enrols with a one-line subclass that names its
/// <see cref="IEventStoreFactory"/>; each test makes its own fresh store, so tests never see each other's events.
/// Tests never ask which backend they run on: where backends legitimately differ (a held SQLite writer blocks the
/// next append, a held PostgreSQL transaction leaves a hole), the assertion is the part both must honour.
/// </summary>
public abstract partial class EventStoreContract<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    /// <summary>A time with sub-microsecond ticks, so truncation to the microsecond is observable.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 6, 7, 8, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>Generous bound on anything a test awaits, so a broken backend fails the test instead of hanging the run.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected const string EventType = "ContractTested.v1";

    protected TFactory Factory => factory;

    /// <summary>A fresh store with a fixed clock unless the options say otherwise.</summary>
    protected Task<ILedgerStore> NewStoreAsync(EventStoreOptions? options = null) =>
        factory.CreateStoreAsync(options ?? new EventStoreOptions { Clock = new FakeTimeProvider(T0) });

    protected static NewEvent Event(string note = "note", string? idempotencyKey = null) =>
        new(
            Guid.CreateVersion7(),
            EventType,
            JsonSerializer.Serialize(new { note }, LedgerJson.Options),
            new EventMetadata("key:contract", CorrelationId: "corr-1", IdempotencyKey: idempotencyKey));

    protected static NewEvent[] Events(int count, string prefix = "e") =>
        Enumerable.Range(1, count).Select(i => Event($"{prefix}{i}")).ToArray();

    protected static async Task<List<RecordedEvent>> ReadAllAsync(ILedgerStore store, long afterPosition = 0)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(afterPosition))
        {
            events.Add(e);
        }

        return events;
    }

    protected static async Task<List<RecordedEvent>> ReadStreamAsync(ILedgerStore store, string streamId, long fromVersion = 1)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(streamId, fromVersion))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Appends one event to <paramref name="streamId"/> whatever its version.</summary>
    protected static Task<AppendResult> AppendOneAsync(ILedgerStore store, string streamId, string note = "note") =>
        store.AppendAsync(streamId, ExpectedVersion.Any, [Event(note)]);
}
