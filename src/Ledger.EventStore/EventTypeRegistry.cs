using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Ledger.EventStore;

/// <summary>Maps event records to their stored names and back, and (de)serialises their JSON.</summary>
public sealed class EventTypeRegistry
{
    private readonly FrozenDictionary<string, Type> _byName;
    private readonly FrozenDictionary<Type, string> _byType;

    /// <summary>
    /// Registers every class marked <see cref="EventTypeAttribute"/> in <paramref name="assemblies"/>, each also under
    /// the earlier names it reads (<see cref="UpcastsFromAttribute"/>).
    /// </summary>
    public EventTypeRegistry(params Assembly[] assemblies)
    {
        var types = assemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<EventTypeAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToList();
        var pairs = types.Select(p => (p.Type, p.Attribute!.Name)).ToList();
        var read = pairs
            .Concat(types.SelectMany(p => p.Type.GetCustomAttributes<UpcastsFromAttribute>().Select(u => (p.Type, u.Name))))
            .ToList();
        var duplicate = read.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Event type name '{duplicate.Key}' is declared by {string.Join(", ", duplicate.Select(p => p.Type.FullName))}.");
        }

        _byName = read.ToFrozenDictionary(p => p.Name, p => p.Type);
        _byType = pairs.ToFrozenDictionary(p => p.Type, p => p.Name);
    }

    /// <summary>Every stored name this build reads (current and earlier ones).</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The names new events are written under: one per event type.</summary>
    public IEnumerable<string> CurrentNames => _byType.Values;

    /// <summary>The stored name of <paramref name="type"/>.</summary>
    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type.FullName} has no [EventType].");

    /// <summary>The CLR type stored under <paramref name="name"/>, or null for a type this build does not know.</summary>
    public Type? TypeOf(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Builds the event to append for <paramref name="data"/>.</summary>
    public NewEvent ToNewEvent(object data, EventMetadata metadata, Guid? eventId = null) =>
        new(eventId ?? Guid.CreateVersion7(), NameOf(data.GetType()), JsonSerializer.Serialize(data, data.GetType(), LedgerJson.Options), metadata)
        {
            Decided = data,
        };

    /// <summary>Deserialises a recorded event, or returns null for a type this build does not know.</summary>
    public object? Deserialize(RecordedEvent e) =>
        TypeOf(e.Type) is { } type ? JsonSerializer.Deserialize(e.Data, type, LedgerJson.Options) : null;
}
