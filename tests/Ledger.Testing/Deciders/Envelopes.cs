using System.Reflection;
using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Testing.Deciders;

/// <summary>Wraps events as a store would record them, and prints them as the store would hold them.</summary>
public static class Envelopes
{
    /// <summary>10:00 on 15 March 2025 in Shanghai: when given events are recorded and decisions made, unless said otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 15, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The events as one stream's envelopes, versions from 1, all recorded at <paramref name="at"/>.</summary>
    public static IReadOnlyList<EventEnvelope> Of(DateTimeOffset at, IEnumerable<object> events) =>
        [.. events.Select((e, i) => Of(Guid.NewGuid(), i + 1, at, e))];

    /// <summary>One event as recorded with <paramref name="id"/> at <paramref name="version"/> (also its position).</summary>
    public static EventEnvelope Of(Guid id, long version, DateTimeOffset at, object e) =>
        new(id, NameOf(e.GetType()), version, version, at, "key:test", e);

    /// <summary>
    /// The stored name of an event type: its <see cref="EventTypeAttribute"/>, which is all a registry reads, so the
    /// ledger's, the supermarket's and a test's own events are named alike without a registry of every assembly.
    /// </summary>
    public static string NameOf(Type type) =>
        type.GetCustomAttribute<EventTypeAttribute>()?.Name ?? throw new InvalidOperationException($"{type.FullName} has no [EventType].");

    /// <summary>An event's type and JSON, as the store would hold them: what a spec compares.</summary>
    public static string Json(object e) => $"{NameOf(e.GetType())} {JsonSerializer.Serialize(e, e.GetType(), LedgerJson.Options)}";
}
