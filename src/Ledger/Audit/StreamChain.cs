using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// One stream's hash chain as the replay walks it: the last version and hash that followed, the hash before that
/// (to tell an inserted event from a changed one), and the first problem found. Nothing else is kept, so the
/// check's memory grows with the streams, never with the events.
/// </summary>
internal sealed class StreamChain
{
    /// <summary>The last version whose chain followed (0 before the first).</summary>
    public long Version { get; private set; }

    /// <summary>The stored hash of that version.</summary>
    public string Hash { get; private set; } = EventHasher.GenesisHash;

    /// <summary>The global position of that version.</summary>
    public long Position { get; private set; }

    /// <summary>The highest version seen in the stream, followed or not.</summary>
    public long HighestVersion { get; private set; }

    /// <summary>The first problem found, or null while the chain holds.</summary>
    public AuditProblem? Problem { get; private set; }

    /// <summary>
    /// The stored hash of the last event handed to the chain's link check, followed or not: the next event's link is
    /// checked against it before <see cref="Observe"/> has judged the events in between. While the chain holds, it is
    /// <see cref="Hash"/>, which is the only time <see cref="Observe"/> asks for the link.
    /// </summary>
    public string Tail { get; set; } = EventHasher.GenesisHash;

    private string? _hashBefore;

    /// <summary>Judges the stream's next event; <paramref name="follows"/> says whether its hash follows from <see cref="Tail"/> as it was.</summary>
    public void Observe(RecordedEvent e, bool follows)
    {
        var highestBefore = HighestVersion;
        HighestVersion = Math.Max(HighestVersion, e.StreamVersion);
        if (Problem is not null)
        {
            // A gap was seen; a lower version turning up later shows the versions were moved, not removed.
            if (Problem.Kind == AuditProblemKinds.Missing && e.StreamVersion < highestBefore)
            {
                Problem = Problem with
                {
                    Kind = AuditProblemKinds.Reordered,
                    Detail = $"Version {e.StreamVersion} (position {e.Position}) comes after a later version of the stream (position {Problem.Position}): its events are out of order.",
                };
            }

            return;
        }

        var expected = Version + 1;
        if (e.StreamVersion > expected)
        {
            Flag(AuditProblemKinds.Missing, e.Position,
                $"Version {expected} is missing: the stream goes from version {Version} to version {e.StreamVersion} at position {e.Position}.");
        }
        else if (e.StreamVersion < expected)
        {
            Flag(AuditProblemKinds.Reordered, e.Position,
                $"Version {e.StreamVersion} (position {e.Position}) comes after version {Version} (position {Position}): the stream's events are out of order.");
        }
        else if (!follows)
        {
            FlagBrokenLink(e);
        }
        else
        {
            (_hashBefore, Hash, Version, Position) = (Hash, e.Hash, e.StreamVersion, e.Position);
        }
    }

    /// <summary>Records a problem found after the replay (against the store's record of the stream).</summary>
    public void Flag(string kind, long? position, string detail) => Problem = new AuditProblem("", position, kind, detail);

    private void FlagBrokenLink(RecordedEvent e)
    {
        // If this event follows the hash BEFORE the last one, as the version the last one holds, then the last
        // event was slipped in ahead of it with a hash made to look right: inserted, not this one changed.
        if (_hashBefore is not null && string.Equals(
                EventHasher.Compute(_hashBefore, e with { StreamVersion = e.StreamVersion - 1 }), e.Hash, StringComparison.Ordinal))
        {
            Flag(AuditProblemKinds.Inserted, Position,
                $"Version {Version} (position {Position}) was inserted: its hash looks right, but version {e.StreamVersion} (position {e.Position}) was chained as version {Version} straight after version {Version - 1}.");
            return;
        }

        Flag(AuditProblemKinds.Changed, e.Position,
            $"Version {e.StreamVersion} (position {e.Position}) does not match its hash: its bytes were changed, or the event before it was replaced with a recomputed hash.");
    }
}
