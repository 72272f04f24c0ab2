using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// The auditor's replay: reads every event once in global order up to the head it saw when it started, shows each
/// to every check, then collects what the checks found. Stopping at the starting head keeps the report about one
/// ledger state even while the server goes on appending.
/// </summary>
public sealed class AuditReplay(IEventStore store, IEnumerable<IAuditCheck> checks)
{
    private const int ProgressEvery = 4096;

    /// <summary>Replays the ledger through every check.</summary>
    public async Task<AuditReport> RunAsync(IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var all = checks.ToArray();
        var head = await store.ReadHeadAsync(cancellationToken);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        long events = 0, position = 0;
        var lastHash = EventHasher.GenesisHash;
        await foreach (var recorded in store.ReadAllAsync(0, cancellationToken))
        {
            if (recorded.Position > head.Position)
            {
                break;
            }

            foreach (var check in all)
            {
                check.Observe(recorded);
            }

            streams.Add(recorded.StreamId);
            events++;
            position = recorded.Position;
            lastHash = recorded.Hash;
            if (events % ProgressEvery == 0)
            {
                progress?.Report(new AuditProgress(events, position, head.Position));
            }
        }

        progress?.Report(new AuditProgress(events, position, head.Position));
        var problems = new List<AuditProblem>();
        foreach (var check in all)
        {
            await foreach (var problem in check.FinishAsync(cancellationToken))
            {
                problems.Add(problem);
            }
        }

        return new AuditReport(problems.Count == 0, events, streams.Count, lastHash, problems);
    }
}
