namespace Ledger.EventStore;

/// <summary>
/// What the caller believes a stream's version to be when appending: the guard of optimistic concurrency.
/// Stream versions count from 1; a stream that does not exist has version 0.
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The raw value: -1 for <see cref="Any"/>, 0 for <see cref="NoStream"/>, otherwise the exact version.</summary>
    public long Value { get; }

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>Append whatever the stream's version is (no concurrency check).</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must be at exactly <paramref name="version"/> (0 means it must not exist).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A stream version is 0 or more.");

    /// <summary>True when any version is accepted.</summary>
    public bool IsAny => Value == AnyValue;

    /// <summary>True when <paramref name="actual"/> satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long actual) => IsAny || Value == actual;

    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
