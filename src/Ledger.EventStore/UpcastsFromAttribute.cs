namespace Ledger.EventStore;

/// <summary>
/// An earlier stored name that this event type still reads: the earlier shape's JSON deserialises into this record,
/// and the fields the earlier shape lacked come in as their documented defaults (each such field says what its
/// absence means). The stored text is never rewritten, so every hash still holds; new events are written under the
/// type's own <see cref="EventTypeAttribute"/> name only.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpcastsFromAttribute(string name) : Attribute
{
    /// <summary>The earlier stored name, e.g. <c>PointsAwarded.v1</c>.</summary>
    public string Name { get; } = name;
}
