using System.Collections.Frozen;
using System.Reflection;
using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>The stored type name of an event record, read from its <see cref="EventTypeAttribute"/>.</summary>
public static class EventNames
{
    /// <summary>The stored name new <typeparamref name="T"/> events are written under, e.g. <c>PointsAwarded.v3</c>.</summary>
    public static string Of<T>() => Cache<T>.Name;

    /// <summary>
    /// True when <paramref name="type"/> is read as <typeparamref name="T"/>: its own name or an earlier one it upcasts
    /// (<see cref="UpcastsFromAttribute"/>). Read models match stored events with this, so old events keep counting.
    /// </summary>
    public static bool Is<T>(string type) => type == Cache<T>.Name || Cache<T>.Earlier.Contains(type);

    private static class Cache<T>
    {
        public static readonly string Name = typeof(T).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).FullName} has no [EventType].");

        public static readonly FrozenSet<string> Earlier =
            typeof(T).GetCustomAttributes<UpcastsFromAttribute>().Select(u => u.Name).ToFrozenSet(StringComparer.Ordinal);
    }
}
