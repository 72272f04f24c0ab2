namespace Ledger.EventStore.Postgres;

/// <summary>An append laid out as the parallel arrays <c>ledger.append_events</c> takes.</summary>
internal sealed record PostgresAppendRequest(
    IReadOnlyList<StreamAppend> Appends,
    string[] Streams,
    long[] Expected,
    int[] LockOrder,
    int[] EventStreams,
    Guid[] EventIds,
    string[] Types,
    string[] Data,
    string[] Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>Checks and flattens <paramref name="appends"/>; every event of the append shares one recorded-at time.</summary>
    public static PostgresAppendRequest From(IReadOnlyList<StreamAppend> appends, DateTimeOffset recordedAt)
    {
        AppendRules.Validate(appends);
        var streams = new string[appends.Count];
        var expected = new long[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            streams[i] = appends[i].StreamId;
            expected[i] = appends[i].ExpectedVersion.Value;
        }

        // Any total order works as long as every appender uses the same one; ordinal never depends on a culture.
        var lockOrder = Enumerable.Range(1, streams.Length).OrderBy(i => streams[i - 1], StringComparer.Ordinal).ToArray();
        var count = appends.Sum(a => a.Events.Count);
        var eventStreams = new int[count];
        var ids = new Guid[count];
        var types = new string[count];
        var data = new string[count];
        var metadata = new string[count];
        var n = 0;
        for (var i = 0; i < appends.Count; i++)
        {
            foreach (var e in appends[i].Events)
            {
                eventStreams[n] = i + 1; // PostgreSQL arrays count from 1
                ids[n] = e.EventId;
                types[n] = e.Type;
                data[n] = e.Data;
                metadata[n] = e.Metadata.ToJson();
                n++;
            }
        }

        return new PostgresAppendRequest(appends, streams, expected, lockOrder, eventStreams, ids, types, data, metadata, recordedAt);
    }

    /// <summary>The events as recorded, for inline projections, from what the function returned.</summary>
    public IReadOnlyList<RecordedEvent> ToRecordedEvents(long[] positions, long[] versions, string[] hashes)
    {
        // The events in the order the arrays were built from them.
        var decided = Appends.SelectMany(a => a.Events).Select(e => e.Decided).ToArray();
        var recorded = new RecordedEvent[EventIds.Length];
        for (var i = 0; i < recorded.Length; i++)
        {
            recorded[i] = new RecordedEvent(
                EventIds[i], Streams[EventStreams[i] - 1], versions[i], positions[i], Types[i], Data[i], Metadata[i], RecordedAt, hashes[i]);
            DecidedEvents.Offer(recorded[i], decided[i]);
        }

        return recorded;
    }
}
