using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;

namespace Redemption.Tests.Domain.Support;

/// <summary>Wraps events as a store would record them, and prints them as the store would hold them.</summary>
public static class Envelopes
{
    /// <summary>The ledger's events and the supermarket's.</summary>
    public static readonly EventTypeRegistry Registry = LedgerModule.CreateEventTypeRegistry(RedemptionModule.Assembly);

    /// <summary>The events as one stream's envelopes, versions from 1, all recorded at <paramref name="at"/>.</summary>
    public static IReadOnlyList<EventEnvelope> Of(DateTimeOffset at, IEnumerable<object> events) =>
        [.. events.Select((e, i) => new EventEnvelope(Guid.NewGuid(), Registry.NameOf(e.GetType()), i + 1, i + 1, at, "key:test", e))];

    /// <summary>An event's type and JSON, as the store would hold them: what a spec compares.</summary>
    public static string Json(object e) => $"{Registry.NameOf(e.GetType())} {JsonSerializer.Serialize(e, e.GetType(), LedgerJson.Options)}";
}
