using Ledger.Common;
using Ledger.Communities;

namespace Ledger.Households.GetStatement;

/// <summary>
/// Turns a household's events into statement lines: pure, so the statement follows from the events alone. Each
/// line's points are the balance change its event makes in the household fold, so statement and balance never disagree.
/// </summary>
public static class StatementBuilder
{
    /// <summary>
    /// Builds the statement of <paramref name="events"/> (already cut at <c>asOf</c>) for the days from..to. Activities
    /// in <paramref name="sponsored"/> (by id) were funded by a sponsor's budget; every other award by the community.
    /// </summary>
    public static StatementResponse Build(
        IReadOnlyList<EventEnvelope> events, CommunityState community, IReadOnlyDictionary<string, string> activityTitles,
        DateOnly? from, DateOnly? to, DateTimeOffset? asOf, IReadOnlyDictionary<string, ActivityFunding>? sponsored = null)
    {
        var state = HouseholdState.Initial;
        var descriptions = new Dictionary<Guid, string>();
        var funders = new Dictionary<Guid, StatementLine>();
        var lines = new List<StatementLine>();
        long opening = 0;
        var starLevel = 0;
        foreach (var e in events)
        {
            var before = state;
            state = HouseholdDecider.Evolve(state, e);
            if (Describe(e, before, community, activityTitles, descriptions) is not { } line)
            {
                continue;
            }

            descriptions[e.EventId] = line.Description;
            line = Funded(line, e.Data, community, sponsored, funders);
            funders[e.EventId] = line;
            var date = CommunityCalendar.DateOf(e.RecordedAt, community.TimeZone);
            if (from is { } first && date < first)
            {
                opening = state.Balance;
            }
            else if (to is null || date <= to)
            {
                lines.Add(line with
                {
                    Date = date, OccurredOn = BusinessDate.Of(e.Data, e.RecordedAt, community.TimeZone),
                    Points = state.Balance - before.Balance, RunningBalance = state.Balance,
                });
            }

            if (to is null || date <= to)
            {
                starLevel = state.StarLevel;
            }
        }

        return new StatementResponse(
            state.Passbook, state.CommunityId, state.HeadName, community.TimeZone, from, to, asOf,
            opening, lines.Count == 0 ? opening : lines[^1].RunningBalance, lines, starLevel);
    }

    // An award is funded by its activity's sponsor or else the community; a correction names who funded what it reverses.
    private static StatementLine Funded(
        StatementLine line, object? data, CommunityState community, IReadOnlyDictionary<string, ActivityFunding>? sponsored,
        IReadOnlyDictionary<Guid, StatementLine> funders) => data switch
    {
        ActivityPointsAwarded a when sponsored?.GetValueOrDefault(a.ActivityId) is { } funding =>
            line with { FundedBy = funding.SponsorName, SponsorshipId = funding.SponsorshipId },
        PointsAwarded or ActivityPointsAwarded => line with { FundedBy = community.Name },
        EntryCorrected c when funders.GetValueOrDefault(c.CorrectedEventId) is { FundedBy: not null } reversed =>
            line with { FundedBy = reversed.FundedBy, SponsorshipId = reversed.SponsorshipId },
        _ => line,
    };

    private static StatementLine? Describe(
        EventEnvelope e, HouseholdState before, CommunityState community, IReadOnlyDictionary<string, string> titles,
        IReadOnlyDictionary<Guid, string> descriptions)
    {
        StatementLine Line(StatementLineKind kind, string description, string member) =>
            new(e.EventId, e.Position, e.Version, e.RecordedAt, default, kind, null, null, null, null, description, member,
                0, null, 0, e.Principal, null);

        string ItemName(string ruleId, int version) => community.ItemVersion(ruleId, version)?.Name ?? ruleId;

        return e.Data switch
        {
            PointsAwarded a => Line(StatementLineKind.Award, ItemName(a.RuleId, a.RuleVersion), a.Member) with
            {
                RuleId = a.RuleId, RuleVersion = a.RuleVersion, Note = a.Note,
            },
            PointsDeducted d => Line(StatementLineKind.Deduction, ItemName(d.RuleId, d.RuleVersion), d.Member) with
            {
                RuleId = d.RuleId, RuleVersion = d.RuleVersion, Requested = d.Requested, Note = d.Note,
            },
            ActivityPointsAwarded a => Line(StatementLineKind.ActivityAward, titles.GetValueOrDefault(a.ActivityId) ?? a.ActivityId, a.Member) with
            {
                ActivityId = a.ActivityId,
            },
            EntryCorrected c => Line(StatementLineKind.Correction, descriptions.GetValueOrDefault(c.CorrectedEventId) ?? "", c.Member) with
            {
                RuleId = c.RuleId, ActivityId = c.ActivityId, CorrectedEventId = c.CorrectedEventId, Note = c.Reason,
            },
            StarLevelReached r => Line(StatementLineKind.StarLevel, new string('★', r.Stars), before.HeadName) with
            {
                Stars = r.Stars, Threshold = r.Threshold,
            },
            PointsExpired x => Line(
                StatementLineKind.Expiry,
                string.Join("、", x.Lots.Select(l => l.ExpiresOn).Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
                before.HeadName),
            IHouseholdPointsMovement m => Line(
                m.Kind == PointsMovementKind.Redeemed ? StatementLineKind.Redemption : StatementLineKind.Refund,
                m.Description, m.Member ?? before.HeadName),
            _ => null,
        };
    }
}
