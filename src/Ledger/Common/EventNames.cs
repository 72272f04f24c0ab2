using System.Reflection;
using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>The stored type name of an event record, read from its <see cref="EventTypeAttribute"/>.</summary>
public static class EventNames
{
    /// <summary>The stored name of <typeparamref name="T"/>, e.g. <c>PointsAwarded.v1</c>.</summary>
    public static string Of<T>() => Cache<T>.Name;

    private static class Cache<T>
    {
        public static readonly string Name = typeof(T).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).FullName} has no [EventType].");
    }
}
