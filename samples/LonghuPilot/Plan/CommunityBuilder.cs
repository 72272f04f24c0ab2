namespace LonghuPilot.Plan;

/// <summary>
/// Generates one community's year, in the order the runner sends it: points items, households, activities with their
/// participants, awards and deductions, corrections, then the supermarket. Each step goes through the
/// <see cref="CommunityLedger"/>, so nothing is planned that the server would refuse.
/// </summary>
internal sealed partial class CommunityBuilder(CommunitySite site, Random random, PilotScale scale)
{
    private static readonly DateOnly YearEnd = new(2024, 12, 20);
    private readonly CommunityLedger _ledger = new();

    /// <summary>
    /// The community with <paramref name="households"/> households, and the activity and participation counts given; with
    /// <paramref name="partners"/>, also the partners' services and the vouchers households redeem for them.
    /// </summary>
    public CommunityPlan Build(int households, int activities, int participations, bool partners = false)
    {
        var rules = Rules();
        var accounts = Households(households);
        var activityPlans = Activities(accounts, activities, participations);
        var entries = Entries(rules, accounts);
        var corrections = Corrections(rules, entries);
        var catalog = Catalog(households);
        var shop = Shop(accounts, catalog);
        List<PartnerPlan> partnerPlans = partners ? [.. Pools.Partners] : [];
        var partnerShop = PartnerShop(partnerPlans, accounts, catalog, shop.OfType<RedemptionPlan>().Count());
        return new CommunityPlan(
            site, rules, accounts, activityPlans, entries, corrections, catalog, shop, scale.HonorRollTop,
            _ledger.Figures(activities, participations), _ledger.Earned, partnerPlans, partnerShop);
    }

    private List<RulePlan> Rules()
    {
        var rules = Pools.Environment.Select(r =>
        {
            var points = r.Points[random.Next(r.Points.Length)];
            return new RulePlan(r.Id, r.Name, r.Category, points, r.Id == "sorting" ? points * Pools.SortingCapAwards : null);
        }).ToList();
        rules.AddRange(Draw(Pools.Civic, 2 + random.Next(2)).Select(r => new RulePlan(r.Id, r.Name, r.Category, r.Points[random.Next(r.Points.Length)], null)));
        rules.AddRange(Draw(Pools.Deductions, 2).Select(r => new RulePlan(r.Id, r.Name, r.Category, r.Points[random.Next(r.Points.Length)], null)));
        return rules;
    }

    private List<HouseholdPlan> Households(int count)
    {
        var households = new List<HouseholdPlan>();
        for (var n = 1; n <= count; n++)
        {
            var (head, others) = ChineseNames.Household(random);
            var passbook = $"{site.Code}-{n:000}";
            households.Add(new HouseholdPlan(passbook, head, others, $"{site.Street}{site.Name}{1 + random.Next(12)}巷{1 + random.Next(40)}号"));
            _ledger.Open(passbook);
        }

        return households;
    }

    private List<ActivityPlan> Activities(List<HouseholdPlan> households, int count, int participations)
    {
        var span = YearEnd.DayNumber - site.Opened.DayNumber;
        var dates = Enumerable.Range(0, count).Select(_ => site.Opened.AddDays(random.Next(span + 1))).Order().ToList();
        var participants = Participants(households, count, participations);
        var activities = new List<ActivityPlan>();
        for (var i = 0; i < count; i++)
        {
            var (kind, organizer) = Pools.Organizers[random.Next(Pools.Organizers.Count)];
            var plan = new ActivityPlan(
                $"act-{i + 1:000}", Weighted(Pools.Titles), kind, organizer, dates[i], Weighted(Pools.ActivityPoints), participants[i]);
            foreach (var p in plan.Participants)
            {
                _ledger.Award(p.Passbook, plan.Points);
            }

            activities.Add(plan);
        }

        return activities;
    }

    private List<EntryPlan> Entries(List<RulePlan> rules, List<HouseholdPlan> households)
    {
        var earning = rules.Where(r => r.Points > 0).ToList();
        var awards = new List<(HouseholdPlan Household, RulePlan Rule)>();
        foreach (var household in households)
        {
            var count = Weighted<int>([(0, 15), (1, 25), (2, 30), (3, 20), (4, 10)]);
            for (var i = 0; i < count; i++)
            {
                // Environment items come up twice as often as civic duties; sorting stops at one month's cap over the
                // whole year, so the plan holds whatever month each award is dated in.
                var rule = random.Next(3) < 2 ? earning[random.Next(3)] : earning[3 + random.Next(earning.Count - 3)];
                if (rule.MonthlyCap is { } cap && awards.Count(a => a.Household == household && a.Rule == rule) * rule.Points + rule.Points > cap)
                {
                    continue;
                }

                awards.Add((household, rule));
            }
        }

        var entries = new List<EntryPlan>();
        foreach (var (household, rule) in awards.OrderBy(_ => random.Next()))
        {
            entries.Add(new EntryPlan(
                entries.Count + 1, household.Passbook, rule.Id, MemberOf(household), rule.Id == "env-cleanup" ? "门前三包" : null,
                AwardDate(entries.Count)));
            _ledger.Award(household.Passbook, rule.Points);
        }

        var deductions = rules.Where(r => r.Points < 0).ToList();
        foreach (var household in households.Where(_ => random.Next(100) < 8))
        {
            var rule = deductions[random.Next(deductions.Count)];
            if (_ledger.TryDeduct(household.Passbook, -rule.Points))
            {
                entries.Add(new EntryPlan(entries.Count + 1, household.Passbook, rule.Id, MemberOf(household), "经积分评议小组核实"));
            }
        }

        return entries;
    }

    private List<CorrectionPlan> Corrections(List<RulePlan> rules, List<EntryPlan> entries)
    {
        var corrections = new List<CorrectionPlan>();
        var awards = entries.Where(e => rules.Single(r => r.Id == e.RuleId).Points > 0).ToList();
        foreach (var entry in Draw(awards, Math.Max(1, awards.Count / 40)))
        {
            if (_ledger.TryCorrect(entry.Passbook, rules.Single(r => r.Id == entry.RuleId).Points))
            {
                corrections.Add(new CorrectionPlan(entry.Number, "误录：经积分评议小组核实，该户当次未参加，撤销此项积分"));
            }
        }

        return corrections;
    }

    // Awards are dated over the community's pilot months, spread by their number rather than drawn, so adding dates left
    // every other draw of a seed (and the README's figures) as it was. Deductions and corrections carry no date: they
    // occur on the day the sample records them.
    private DateOnly AwardDate(int index) => site.Opened.AddDays(index * 37 % (YearEnd.DayNumber - site.Opened.DayNumber + 1));

    private string MemberOf(HouseholdPlan household) => household.Members.ElementAt(random.Next(household.Others.Count + 1));

    private List<T> Draw<T>(IReadOnlyList<T> from, int count) => [.. from.OrderBy(_ => random.Next()).Take(count)];

    private T Weighted<T>(IReadOnlyList<(T Value, int Weight)> choices)
    {
        var pick = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((pick -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
