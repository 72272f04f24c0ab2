namespace Ledger.Tests.EventStore;

/// <summary>
/// A clock that stands still until told to move, so recorded-at times are known in advance.
/// Written here because Microsoft.Extensions.TimeProvider.Testing may not restore on this network.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private long _utcTicks = now.UtcTicks;

    /// <summary>The time the clock shows.</summary>
    public DateTimeOffset Now => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
