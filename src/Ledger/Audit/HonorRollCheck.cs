using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.HonorRolls.VerifyHonorRoll;
using Ledger.Leaderboards;

namespace Ledger.Audit;

/// <summary>
/// Invariant 5: every published honour roll equals the leaderboard recomputed at the ledger position it records. Notes
/// each roll as the replay passes it, then verifies each with the same handler as
/// <c>GET /api/communities/{cid}/honor-rolls/{period}/verify</c>, so the auditor and the committee can never disagree
/// about what "equal" means.
/// </summary>
public sealed class HonorRollCheck(ILedgerStore store, EventTypeRegistry registry) : IAuditCheck
{
    private static readonly ICommandContext AuditorContext = new FixedCommandContext(
        new Principal("audit", Role.Auditor, null, "auditor's replay"), "audit-verify");

    private readonly List<(string Stream, long Position, string CommunityId, string Period)> _rolls = [];

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        if (recorded.Type != EventNames.Of<HonorRollPublished>())
        {
            return;
        }

        try
        {
            var roll = JsonSerializer.Deserialize<HonorRollKey>(recorded.Data, LedgerJson.Options);
            _rolls.Add((recorded.StreamId, recorded.Position, roll?.CommunityId ?? "", roll?.Period ?? ""));
        }
        catch (JsonException)
        {
            _rolls.Add((recorded.StreamId, recorded.Position, "", ""));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handler = new VerifyHonorRollHandler(store, store, registry, AuditorContext);
        foreach (var (stream, position, communityId, period) in _rolls)
        {
            // The handler trusts its validator; a forged roll must not get past that trust.
            if (stream != HonorRollStreams.Of(communityId, period) || !LeaderboardPeriod.IsValid(period))
            {
                yield return Differs(stream, position, $"The roll names community '{communityId}' and period '{period}', not its stream's.");
                continue;
            }

            var result = await handler.Handle(new VerifyHonorRollQuery(communityId, period), cancellationToken);
            if (!result.IsSuccess)
            {
                yield return Differs(stream, position, $"The roll cannot be recomputed: {result.Error!.Detail}");
            }
            else if (!result.Value!.Ok)
            {
                var differences = result.Value.Differences.Select(d =>
                    $"{d.Kind}{(d.Passbook is null ? "" : $" {d.Passbook}")}: published '{d.Published}', recomputed '{d.Recomputed}'");
                yield return Differs(stream, position,
                    $"Roll {period} of '{communityId}' differs from the leaderboard at position {result.Value.LedgerPosition}: "
                    + string.Join("; ", differences) + ".");
            }
        }
    }

    private static AuditProblem Differs(string stream, long position, string detail) =>
        new(stream, position, AuditProblemKinds.HonorRollDiffers, detail);

    private sealed record HonorRollKey(string? CommunityId, string? Period);
}
