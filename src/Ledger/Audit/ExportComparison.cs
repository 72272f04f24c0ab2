using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// Holds the ledger against an earlier export, kept outside the database: every event in the file must still be in
/// the ledger at its position with its id, stream, version and hash. This catches what the hash chain alone cannot:
/// a stream rewritten with every later hash recomputed and its <c>streams</c> row updated to match. Events after the
/// export's last position are later appends and are not compared. One pass over both, in global order; memory holds
/// only the streams already reported.
/// </summary>
public static class ExportComparison
{
    /// <summary>The first difference per stream between <paramref name="store"/> and the export in <paramref name="export"/>.</summary>
    public static async Task<IReadOnlyList<AuditProblem>> CompareAsync(IEventStore store, Stream export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = new List<AuditProblem>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Report(string stream, long position, string kind, string detail)
        {
            if (reported.Add(stream))
            {
                problems.Add(new AuditProblem(stream, position, kind, detail));
            }
        }

        await using var ledger = store.ReadAllAsync(0, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var current = await ledger.MoveNextAsync() ? ledger.Current : null;
        await foreach (var kept in EventImport.ReadAsync(export, cancellationToken))
        {
            while (current is not null && current.Position < kept.Position)
            {
                Report(current.StreamId, current.Position, AuditProblemKinds.Inserted,
                    $"Position {current.Position} (version {current.StreamVersion}) is in the ledger but not in the export, which covers it: it was written afterwards, behind the store's back.");
                current = await ledger.MoveNextAsync() ? ledger.Current : null;
            }

            if (current is null || current.Position > kept.Position)
            {
                Report(kept.StreamId, kept.Position, AuditProblemKinds.Missing,
                    $"Position {kept.Position} (version {kept.StreamVersion}, event {kept.EventId}) is in the export but no longer in the ledger.");
                continue;
            }

            if (current.EventId != kept.EventId || current.StreamId != kept.StreamId || current.StreamVersion != kept.StreamVersion
                || !string.Equals(current.Hash, kept.Hash, StringComparison.Ordinal) || current.RecordedAt != kept.RecordedAt
                || !string.Equals(current.Type, kept.Type, StringComparison.Ordinal) || !string.Equals(current.Data, kept.Data, StringComparison.Ordinal)
                || !string.Equals(current.MetadataJson, kept.MetadataJson, StringComparison.Ordinal))
            {
                Report(kept.StreamId, kept.Position, AuditProblemKinds.Changed,
                    $"Position {kept.Position} (version {kept.StreamVersion}) differs from the export: the ledger's event {current.EventId} ('{current.StreamId}' version {current.StreamVersion}, hash {current.Hash}) is not the export's {kept.EventId} (hash {kept.Hash}) as it was.");
            }

            current = await ledger.MoveNextAsync() ? ledger.Current : null;
        }

        return problems;
    }
}
