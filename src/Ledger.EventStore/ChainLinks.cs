namespace Ledger.EventStore;

/// <summary>
/// Checks links of hash chains eight at a time: for each event added, whether its stored hash follows from the given
/// previous hash, exactly as <see cref="EventHasher.Follows"/> says. The canonical bytes come from
/// <see cref="EventHasher.WriteCanonical"/>; the eight digests from <see cref="Sha256Lanes"/>.
/// </summary>
/// <remarks>
/// Unlike <see cref="EventHasher.Follows"/>, a previous hash that is not hex is an answer (does not follow), not an
/// exception: the auditor's replay checks each event against the stored hash before it, which may be anything.
/// </remarks>
internal sealed class ChainLinks
{
    /// <summary>Links checked at once.</summary>
    public const int Capacity = Sha256Lanes.Count;

    /// <summary>
    /// Room per event: about 1,800 bytes of UTF-8 in its fields. A bigger event is checked alone when added, one at a
    /// time: the eight lanes run as many blocks as the longest, so one big event in a lane would make the other seven
    /// pay for its length.
    /// </summary>
    private const int Lane = 2048;

    private readonly byte[] _lanes = new byte[Capacity * Lane];
    private readonly int[] _lengths = new int[Capacity];
    private readonly string[] _stored = new string[Capacity];
    private readonly bool?[] _known = new bool?[Capacity];

    /// <summary>Links added and not yet checked.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the link from <paramref name="previousHash"/> to <paramref name="e"/>, up to <see cref="Capacity"/> before a <see cref="Check"/>.</summary>
    public void Add(string previousHash, RecordedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"{Capacity} links are waiting: check them before adding more.");
        }

        var i = Count++;
        Span<char> at = stackalloc char[27];
        var fields = new EventHasher.Fields(e, EventHasher.FormatTime(e.RecordedAt, at));
        // Written short of the lane's end by the padding's 9 bytes, so the message fits with its padding.
        var length = EventHasher.WriteCanonical(previousHash, fields, _lanes.AsSpan(i * Lane, Lane - 9));
        (_lengths[i], _stored[i]) = (Math.Max(length, 0), e.Hash);
        _known[i] = length >= 0 ? null : Follows(previousHash, e);
    }

    /// <summary>Checks every link added, in the order added, into <paramref name="follows"/>; then starts empty.</summary>
    public void Check(Span<bool> follows)
    {
        Span<byte> digests = stackalloc byte[Capacity * 32];
        Sha256Lanes.Hash(_lanes, Lane, _lengths.AsSpan(0, Count), digests);
        for (var i = 0; i < Count; i++)
        {
            follows[i] = _known[i] ?? EventHasher.Matches(digests.Slice(i * 32, 32), _stored[i]);
            _stored[i] = null!;
        }

        Count = 0;
    }

    /// <summary>The one-at-a-time answer, for an event too big for a lane or a previous hash that is not hex.</summary>
    private static bool Follows(string previousHash, RecordedEvent e)
    {
        try
        {
            return EventHasher.Follows(previousHash, e);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
