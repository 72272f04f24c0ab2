using System.Runtime.CompilerServices;
using Ledger.EventStore;
using Ledger.Leaderboards;

namespace Ledger.Audit;

/// <summary>
/// Invariant 2, second sentence: only a correction can leave a balance negative. Folds each household's balance in
/// stream order and reports the first entry other than a correction that takes it, or keeps it going, below zero: a
/// deduction that did not stop at zero, or a redemption the balance could not pay. An award that raises a negative
/// balance without reaching zero is no problem: it lowered nothing.
/// </summary>
public sealed class NegativeBalanceCheck(EventTypeRegistry registry) : IAuditCheck
{
    private readonly PointsMovements _movements = new(registry);
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly List<AuditProblem> _problems = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        if (LeaderboardPoints.PassbookOf(recorded.StreamId) is not { } passbook || _movements.Read(recorded) is not { } movement)
        {
            return;
        }

        var before = _balances.GetValueOrDefault(passbook);
        var after = before + movement.BalanceChange;
        _balances[passbook] = after;
        if (after < 0 && movement.BalanceChange < 0 && movement.Flow != PointsFlow.Corrected && _reported.Add(passbook))
        {
            _problems.Add(new AuditProblem(
                recorded.StreamId, recorded.Position, AuditProblemKinds.NegativeBalance,
                $"Household '{passbook}': {Describe(movement.Flow)} of {Math.Abs(movement.BalanceChange)} points at version "
                + $"{recorded.StreamVersion} took the balance from {before} to {after}; only a correction may leave it below zero."));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var problem in _problems)
        {
            yield return problem;
        }
    }

    private static string Describe(PointsFlow flow) => flow switch
    {
        PointsFlow.Deducted => "a deduction",
        PointsFlow.Redeemed => "a redemption",
        PointsFlow.Expired => "an expiry",
        _ => $"an entry ({flow})",
    };
}
