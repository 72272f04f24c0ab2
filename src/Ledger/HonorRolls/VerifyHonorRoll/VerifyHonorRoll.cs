using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;
using MediatR;

namespace Ledger.HonorRolls.VerifyHonorRoll;

/// <summary><c>GET /api/communities/{cid}/honor-rolls/{period}/verify</c> (any key of the community, auditor).</summary>
public sealed record VerifyHonorRollQuery(string CommunityId, string Period) : IRequest<Result<HonorRollVerification>>;

/// <summary>Input rules of <see cref="VerifyHonorRollQuery"/>.</summary>
public sealed class VerifyHonorRollValidator : AbstractValidator<VerifyHonorRollQuery>
{
    public VerifyHonorRollValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Period).Must(LeaderboardPeriod.IsValid).WithMessage("'Period' is not a period.");
    }
}

/// <summary>
/// Recomputes the roll from the events at or below its recorded position and compares it entry by entry, and checks
/// that the event at that position still has the recorded hash (the auditor's invariant 5).
/// </summary>
public sealed class VerifyHonorRollHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<VerifyHonorRollQuery, Result<HonorRollVerification>>
{
    public async Task<Result<HonorRollVerification>> Handle(VerifyHonorRollQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var period = LeaderboardPeriod.Parse(query.Period)!;
        if (await HonorRollComputation.LoadAsync(store, registry, query.CommunityId, period.Text, cancellationToken) is not { } roll)
        {
            return HonorRollErrors.NotFound(query.CommunityId, period.Text);
        }

        var differences = new List<HonorRollDifference>();
        var hash = await HonorRollComputation.HashAtAsync(store, roll.LedgerPosition, cancellationToken);
        if (hash != roll.HeadHash)
        {
            differences.Add(new HonorRollDifference("head-hash", null, roll.HeadHash, hash));
        }

        var community = await LeaderboardReadModel.FindCommunityAsync(readModels, query.CommunityId, cancellationToken)
            ?? new LeaderboardCommunity(query.CommunityId, "", CommunityCalendar.DefaultTimeZone);
        var recomputed = await HonorRollComputation.RankAtAsync(
            store, readModels, registry, community, period, roll.Top, roll.LedgerPosition, cancellationToken);
        differences.AddRange(Compare(roll.Entries, recomputed));
        return new HonorRollVerification(differences.Count == 0, roll.LedgerPosition, differences);
    }

    private static IEnumerable<HonorRollDifference> Compare(IReadOnlyList<LeaderboardEntry> published, IReadOnlyList<LeaderboardEntry> recomputed)
    {
        var expected = recomputed.ToDictionary(e => e.Passbook, Describe, StringComparer.Ordinal);
        var actual = published.ToDictionary(e => e.Passbook, Describe, StringComparer.Ordinal);
        foreach (var (passbook, text) in expected.Where(e => !actual.ContainsKey(e.Key)))
        {
            yield return new HonorRollDifference("missing", passbook, null, text);
        }

        foreach (var (passbook, text) in actual)
        {
            if (!expected.TryGetValue(passbook, out var should))
            {
                yield return new HonorRollDifference("unexpected", passbook, text, null);
            }
            else if (should != text)
            {
                yield return new HonorRollDifference("entry", passbook, text, should);
            }
        }
    }

    // Everything printed about a household, in one comparable line.
    private static string Describe(LeaderboardEntry e) =>
        $"rank {e.Rank}, {e.HeadName}, {e.Points} points: " + string.Join(", ", e.Members.Select(m => $"{m.Member} {m.Points}"));
}
