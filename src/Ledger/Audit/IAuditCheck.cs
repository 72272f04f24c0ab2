using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// One check of the auditor's replay. The replay reads the ledger once, in global order, and shows every event to
/// every check, so adding a check never adds a pass over the events. A check keeps only per-stream (or per-community,
/// per-item) state, never the events themselves, so memory does not grow with the ledger.
/// </summary>
public interface IAuditCheck
{
    /// <summary>Sees the next event of the ledger, in global order.</summary>
    void Observe(RecordedEvent recorded);

    /// <summary>
    /// After the last event: what the check found. Asynchronous because some checks compare with what the store
    /// holds (read models, published honour rolls) once the replay has seen everything.
    /// </summary>
    IAsyncEnumerable<AuditProblem> FinishAsync(CancellationToken cancellationToken);
}
