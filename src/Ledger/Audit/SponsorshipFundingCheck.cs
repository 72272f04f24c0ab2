using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Activities;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Sponsorships;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Audit;

/// <summary>
/// The sponsors' invariants on points: per points budget, used &lt;= given; per community, points issued = community-
/// funded + sponsor-funded. The households' side (every award, and whether its activity names a budget) and the budgets'
/// side (each draw on <c>sponsorship-{cid}/{id}</c>) are counted independently from one replay, so a draw altered, an
/// award that no budget paid for, or a draw that paid for no award shows as the two sides parting.
/// </summary>
public sealed class SponsorshipFundingCheck : IAuditCheck
{
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sponsoredActivities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Split> _communities = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        try
        {
            Fold(recorded);
        }
        catch (JsonException)
        {
            // Only a change behind the store's back makes an event unreadable; the hash chain names it.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (stream, budget) in _budgets.Where(b => b.Value.FirstOverdrawn is not null).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            yield return new AuditProblem(stream, budget.FirstOverdrawn, AuditProblemKinds.SponsorshipOverdrawn,
                $"Sponsorship '{stream}' gave {budget.Given} points, but its draws used {budget.Used}.");
        }

        foreach (var (community, split) in _communities.Where(c => c.Value.SponsorFunded != c.Value.Drawn).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            yield return new AuditProblem(StreamIds.Community(community), split.FirstApart, AuditProblemKinds.FundingNotSplit,
                $"Community '{community}': issued {split.Issued}, of which {split.Issued - split.SponsorFunded} community-funded, but "
                + $"sponsors' budgets drew {split.Drawn}: {split.Issued - split.SponsorFunded} + {split.Drawn} = "
                + $"{split.Issued - split.SponsorFunded + split.Drawn}, off by {split.Drawn - split.SponsorFunded}.");
        }
    }

    private void Fold(RecordedEvent e)
    {
        if (EventNames.Is<SponsorshipRecorded>(e.Type))
        {
            BudgetOf(e.StreamId).Given += Read<SponsorshipRecorded>(e).Points ?? 0;
        }
        else if (EventNames.Is<SponsorshipPointsDrawn>(e.Type))
        {
            var d = Read<SponsorshipPointsDrawn>(e);
            var budget = BudgetOf(e.StreamId);
            budget.Used += d.Points;
            if (budget.Used > budget.Given)
            {
                budget.FirstOverdrawn ??= e.Position;
            }

            SplitOf(d.CommunityId).Add(drawn: d.Points, position: e.Position);
        }
        else if (EventNames.Is<ActivityScheduled>(e.Type) && Read<ActivityScheduled>(e) is { SponsorshipId: { } sponsorshipId } s)
        {
            _sponsoredActivities[StreamIds.Activity(s.CommunityId, s.ActivityId)] = StreamIds.Sponsorship(s.CommunityId, sponsorshipId);
        }
        else if (EventNames.Is<PointsAwarded>(e.Type))
        {
            var a = Read<PointsAwarded>(e);
            SplitOf(a.CommunityId).Add(issued: a.Points, position: e.Position);
        }
        else if (EventNames.Is<ActivityPointsAwarded>(e.Type))
        {
            var a = Read<ActivityPointsAwarded>(e);
            var sponsored = _sponsoredActivities.ContainsKey(StreamIds.Activity(a.CommunityId, a.ActivityId));
            SplitOf(a.CommunityId).Add(issued: a.Points, sponsorFunded: sponsored ? a.Points : 0, position: e.Position);
        }
    }

    private Budget BudgetOf(string stream) => _budgets.TryGetValue(stream, out var b) ? b : _budgets[stream] = new Budget();

    private Split SplitOf(string community) => _communities.TryGetValue(community, out var s) ? s : _communities[community] = new Split();

    private sealed class Budget
    {
        public long Given { get; set; }
        public long Used { get; set; }
        public long? FirstOverdrawn { get; set; }
    }

    private sealed class Split
    {
        public long Issued { get; private set; }
        public long SponsorFunded { get; private set; }
        public long Drawn { get; private set; }

        // The first position after which the households' and the budgets' sides no longer agree.
        public long? FirstApart { get; private set; }

        public void Add(long issued = 0, long sponsorFunded = 0, long drawn = 0, long position = 0)
        {
            (Issued, SponsorFunded, Drawn) = (Issued + issued, SponsorFunded + sponsorFunded, Drawn + drawn);
            FirstApart = SponsorFunded == Drawn ? null : FirstApart ?? position;
        }
    }
}
