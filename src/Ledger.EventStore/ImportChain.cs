namespace Ledger.EventStore;

/// <summary>
/// What every backend's import checks before it writes an event: positions increase, each stream's versions count
/// from 1 without gaps, and each hash follows from the previous one in its stream. Keeps one head per stream, so
/// memory grows with the streams, never with the events; at the end the heads become the <c>streams</c> rows.
/// </summary>
internal sealed class ImportChain
{
    private readonly Dictionary<string, (long Version, string Hash)> _heads = new(StringComparer.Ordinal);

    /// <summary>Events accepted so far.</summary>
    public long Events { get; private set; }

    /// <summary>The last accepted event's position and hash (0 and the genesis hash before the first).</summary>
    public LedgerHead Head => new(LastPosition, LastHash, Events);

    /// <summary>Every stream's last version and hash, for the <c>streams</c> table.</summary>
    public IEnumerable<StreamHead> Streams => _heads.Select(h => new StreamHead(h.Key, h.Value.Version, h.Value.Hash));

    private long LastPosition { get; set; }

    private string LastHash { get; set; } = EventHasher.GenesisHash;

    /// <summary>Throws <see cref="ImportRefusedException"/> unless <paramref name="e"/> follows everything accepted before it.</summary>
    public void Accept(RecordedEvent e)
    {
        if (e.Position <= LastPosition)
        {
            throw Refuse(e, $"its position does not follow position {LastPosition}: an import must be in global order");
        }

        var (version, previous) = _heads.GetValueOrDefault(e.StreamId, (0L, EventHasher.GenesisHash));
        if (e.StreamVersion != version + 1)
        {
            throw Refuse(e, $"version {version + 1} was expected next in its stream");
        }

        if (!EventHasher.Follows(previous, e))
        {
            throw Refuse(e, "its hash does not follow from the previous event of its stream: the chain is broken");
        }

        _heads[e.StreamId] = (e.StreamVersion, e.Hash);
        (LastPosition, LastHash) = (e.Position, e.Hash);
        Events++;
    }

    /// <summary>The refusal of an import into a store that already holds events.</summary>
    public static ImportRefusedException NotEmpty(string store) =>
        new($"The {store} event store is not empty: an import only goes into an empty store, so it never mixes two ledgers' histories.");

    private static ImportRefusedException Refuse(RecordedEvent e, string why) =>
        new($"Event {e.EventId} at position {e.Position} (stream '{e.StreamId}', version {e.StreamVersion}) is refused: {why}. Nothing was imported.");
}
