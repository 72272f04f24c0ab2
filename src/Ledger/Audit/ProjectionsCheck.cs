using System.Runtime.CompilerServices;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Audit;

/// <summary>
/// Invariant 4: every projection (balances, leaderboards, directory, catalogue, receipts, vouchers) rebuilt from zero
/// equals the live one. Needs nothing from the replay's pass: the projection runner replays each read model into
/// shadow tables up to where its live tables stand and compares them row by row, in one snapshot, so appends during
/// the audit cannot make a difference appear.
/// </summary>
public sealed class ProjectionsCheck(ProjectionDaemon projections) : IAuditCheck
{
    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var comparison in await projections.CompareAllAsync(cancellationToken))
        {
            if (!comparison.Equal)
            {
                yield return new AuditProblem(comparison.Projection, comparison.Position, AuditProblemKinds.ProjectionDiffers,
                    $"Read model '{comparison.Projection}' at position {comparison.Position}: {comparison.DifferentRows} row(s) differ "
                    + $"from a fresh replay; first: {string.Join("; ", comparison.Differences.Take(3))}.");
            }
        }
    }
}
