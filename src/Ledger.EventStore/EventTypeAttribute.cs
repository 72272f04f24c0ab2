namespace Ledger.EventStore;

/// <summary>
/// The stable name under which an event type is stored, with a version suffix: <c>PointsEarned.v1</c>.
/// Never derived from the CLR type name, so renaming a class never orphans stored events.
/// A released event is never edited: a new shape gets a new name (<c>.v2</c>) and an upcaster.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute : Attribute
{
    /// <summary>Declares the stored name.</summary>
    public EventTypeAttribute(string name)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, @"^[A-Z][A-Za-z]+\.v[1-9][0-9]*$"))
        {
            throw new ArgumentException($"Event type name '{name}' must look like 'PointsEarned.v1'.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The stored name.</summary>
    public string Name { get; }
}
