namespace LonghuPilot.Plan;

internal sealed partial class CommunityBuilder
{
    /// <summary>
    /// Who takes part in each activity: <paramref name="total"/> participations over <paramref name="count"/> activities,
    /// each household at least once, a few keen households far more often (so the leaderboard has a shape), and each
    /// (household, member) at most once per activity, as the server awards them.
    /// </summary>
    private List<List<Participation>> Participants(List<HouseholdPlan> households, int count, int total)
    {
        var pairs = households.SelectMany(h => h.Members.Select(m => new Participation(h.Passbook, m))).ToList();
        var sizes = Enumerable.Repeat(1, count).ToArray();
        for (var left = total - count; left > 0;)
        {
            var i = random.Next(count);
            if (sizes[i] < Math.Min(20, pairs.Count))
            {
                sizes[i]++;
                left--;
            }
        }

        var slots = Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat(i, sizes[i])).OrderBy(_ => random.Next()).ToList();
        var activities = Enumerable.Range(0, count).Select(_ => new List<Participation>()).ToList();
        var keenness = households.Select(_ => Math.Pow(random.NextDouble(), 3)).ToArray();
        for (var s = 0; s < slots.Count; s++)
        {
            var taken = activities[slots[s]];
            var household = s < households.Count ? households[s] : households[Keen(keenness)];
            var free = household.Members.Where(m => !taken.Contains(new Participation(household.Passbook, m))).ToList();
            var pick = free.Count > 0
                ? new Participation(household.Passbook, free[random.Next(free.Count)])
                : pairs.First(p => !taken.Contains(p));
            taken.Add(pick);
        }

        return activities;
    }

    private int Keen(double[] keenness)
    {
        var pick = random.NextDouble() * keenness.Sum();
        for (var i = 0; i < keenness.Length; i++)
        {
            if ((pick -= keenness[i]) < 0)
            {
                return i;
            }
        }

        return keenness.Length - 1;
    }

    /// <summary>The catalogue, stock and capacity in proportion to the community's size.</summary>
    private List<CatalogPlan> Catalog(int households)
    {
        var size = households / 30.0;
        var catalog = Pools.Catalog.Select(item => item with
        {
            Stock = item.Stock is { } stock ? Math.Max(2, (long)Math.Round(stock * size)) : null,
            Capacity = item.Capacity is { } capacity ? Math.Max(2, (long)Math.Round(capacity * size)) : null,
        }).ToList();
        catalog.ForEach(_ledger.List);
        return catalog;
    }

    /// <summary>
    /// The counter's year: three rounds of shopping over the households, grain and oil restocked halfway, service
    /// vouchers mostly fulfilled, and now and then a redemption cancelled on the spot.
    /// </summary>
    private List<ShopStep> Shop(List<HouseholdPlan> households, List<CatalogPlan> catalog)
    {
        var steps = new List<ShopStep>();
        var redemptions = 0;
        var cancelledOnce = false;
        int[] chance = [60, 40, 25];
        for (var round = 0; round < chance.Length; round++)
        {
            if (round == 1)
            {
                foreach (var sku in new[] { "oil-5l", "rice-10kg" })
                {
                    var quantity = catalog.Single(c => c.Sku == sku).Stock!.Value;
                    steps.Add(new Restock(steps.OfType<Restock>().Count() + 1, sku, quantity, "年中补货"));
                    _ledger.Receive(sku, quantity);
                }
            }

            foreach (var household in households.OrderBy(_ => random.Next()).Where(_ => random.Next(100) < chance[round]))
            {
                if (Basket(household, catalog) is not { } lines)
                {
                    continue;
                }

                var services = lines.Where(l => catalog.Single(c => c.Sku == l.Line.Sku).Kind == "service").Sum(l => l.Line.Quantity);
                // Every counter makes a mistake now and then: the first goods-only basket of the second round, and a few more.
                var cancel = services == 0 && ((round == 1 && !cancelledOnce) || random.Next(100) < 3)
                    ? Pools.CancelReasons[random.Next(Pools.CancelReasons.Count)]
                    : null;
                cancelledOnce |= cancel is not null;
                var fulfil = Enumerable.Range(0, services).Count(_ => random.Next(10) < 7);
                steps.Add(new RedemptionPlan(++redemptions, household.Passbook, MemberOf(household), [.. lines.Select(l => l.Line)], fulfil, cancel));
                if (cancel is not null)
                {
                    _ledger.Cancel(household.Passbook, lines);
                }
            }
        }

        return steps;
    }

    /// <summary>One or two lines the household can pay for and the shelf holds, or null when nothing fits.</summary>
    private List<(BasketLine Line, long UnitPoints)>? Basket(HouseholdPlan household, List<CatalogPlan> catalog)
    {
        var lines = new List<(BasketLine Line, long UnitPoints)>();
        var budget = _ledger.Balance(household.Passbook);
        foreach (var item in catalog.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
        {
            var quantity = item.Points <= 15 && random.Next(3) == 0 ? 2 : 1;
            if (item.Points * quantity <= budget && _ledger.Available(item.Sku) >= quantity)
            {
                lines.Add((new BasketLine(item.Sku, quantity), item.Points));
                budget -= item.Points * quantity;
            }
        }

        return lines.Count > 0 && _ledger.TryRedeem(household.Passbook, lines) ? lines : null;
    }
}
