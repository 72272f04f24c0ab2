namespace LonghuPilot.Plan;

internal sealed partial class CommunityBuilder
{
    /// <summary>Households redeeming vouchers per partner: enough for a settlement with more than one line of work.</summary>
    private const int RedemptionsPerPartner = 4;

    /// <summary>
    /// The partners' services join the catalogue after the counter's year, and the households with the most points left
    /// redeem them in turn, one partner after the other. No draw from the random source, so the rest of the plan (and
    /// every other community) stays what it was. Every voucher is served by its partner, except the first redemption's,
    /// left open for the partner's page.
    /// </summary>
    private List<RedemptionPlan> PartnerShop(List<PartnerPlan> partners, List<HouseholdPlan> households, List<CatalogPlan> catalog, int redemptions)
    {
        var steps = new List<RedemptionPlan>();
        if (partners.Count == 0)
        {
            return steps;
        }

        foreach (var partner in partners)
        {
            catalog.Add(partner.Service);
            _ledger.List(partner.Service);
        }

        var richest = households.OrderByDescending(h => _ledger.Balance(h.Passbook)).ThenBy(h => h.Passbook)
            .Take(RedemptionsPerPartner * partners.Count).ToList();
        for (var i = 0; i < richest.Count; i++)
        {
            var service = partners[i % partners.Count].Service;
            // A meal is cheap: a household takes two.
            var quantity = service.Points <= 5 ? 2 : 1;
            var line = new BasketLine(service.Sku, quantity);
            if (_ledger.TryRedeem(richest[i].Passbook, [(line, service.Points)]))
            {
                steps.Add(new RedemptionPlan(redemptions + steps.Count + 1, richest[i].Passbook, richest[i].HeadName, [line], i == 0 ? 0 : quantity, null));
            }
        }

        return steps;
    }
}
