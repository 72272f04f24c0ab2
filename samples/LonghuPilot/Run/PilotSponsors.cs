using LonghuPilot.Client;
using LonghuPilot.Plan;

namespace LonghuPilot.Run;

/// <summary>
/// The supermarket sponsor of the pilot's first community (爱心超市, an 爱心企业): registered as a partner, it funds the
/// points of that community's first activity from a budget of its own (so the activity names it as organiser) and
/// donates goods into stock. Every figure sent is read back. The pilot's counts and points are unchanged: the
/// sponsored activity is one the plan already had, now paid for by the sponsor instead of the community.
/// </summary>
public sealed class PilotSponsors(LedgerClient client, CommunityPlan community)
{
    /// <summary>The sponsor's partner id and name.</summary>
    public const string PartnerId = "aixin-market";

    /// <summary>What residents and statements call it.</summary>
    public const string Name = "爱心超市";

    private const string BudgetId = "aixin-points-2024";
    private const string GoodsId = "aixin-goods-2024";
    private const long Spare = 50;
    private const long Donated = 20;

    private string Cid => community.Site.Id;

    private ActivityPlan Funded => community.Activities[0];

    /// <summary>The budget: the funded activity's points for each of its participants, and a little spare.</summary>
    public long Budget => Funded.Points * Funded.Participants.Count + Spare;

    /// <summary>The goods donated: the first goods of the catalogue.</summary>
    private CatalogPlan Goods => community.Catalog.First(i => i.Kind == "goods");

    /// <summary>Registers the sponsor and records its points budget (before the activities that draw on it).</summary>
    public async Task<string> RegisterAsync(string committee, CancellationToken ct)
    {
        await client.PostAsync<object>(committee, $"/api/communities/{Cid}/partners",
            new PartnerBody(PartnerId, Name, "enterprise"), $"partner-{Cid}-{PartnerId}", ct, "partner-exists");
        await client.PostAsync<object>(committee, $"/api/communities/{Cid}/sponsorships",
            new SponsorshipBody(BudgetId, PartnerId, "points", Points: Budget, Note: "2024 年志愿服务积分"), $"sponsorship-{Cid}-{BudgetId}", ct, "sponsorship-exists");
        return $"{Name} in {community.Site.Name}: a budget of {Budget:N0} points for '{Funded.Title}'";
    }

    /// <summary>The activity as sent: the funded one names the sponsor as organiser and draws on its budget.</summary>
    public ActivityBody Body(ActivityPlan activity) => activity == Funded
        ? new ActivityBody(activity.Id, activity.Title, new OrganizerBody("enterprise", Name), activity.Date, activity.Points, BudgetId)
        : new ActivityBody(activity.Id, activity.Title, new OrganizerBody(activity.OrganizerKind, activity.OrganizerName), activity.Date, activity.Points);

    /// <summary>Donates goods into stock (after the catalogue lists them).</summary>
    public async Task<string> DonateAsync(string committee, CancellationToken ct)
    {
        await client.PostAsync<object>(committee, $"/api/communities/{Cid}/sponsorships",
            new SponsorshipBody(GoodsId, PartnerId, "goods", Goods.Sku, Donated, Note: "爱心捐赠"), $"sponsorship-{Cid}-{GoodsId}", ct, "sponsorship-exists");
        return $"{Name} donated {Donated} × {Goods.Name}";
    }

    /// <summary>Reads every sponsorship figure back as the auditor; each that differs is a mismatch of the report.</summary>
    public async Task ReadBackAsync(string auditor, PilotReport report, CancellationToken ct)
    {
        var used = Funded.Points * Funded.Participants.Count;
        var (budget, _) = await client.GetOptionalAsync<SponsorshipAnswer>(auditor, $"/api/communities/{Cid}/sponsorships/{BudgetId}", ct);
        if (budget is null)
        {
            // Only a read back of a ledger this run did not send (no sponsor phase) finds none: nothing to compare then.
            return;
        }

        var goods = await client.GetAsync<SponsorshipAnswer>(auditor, $"/api/communities/{Cid}/sponsorships/{GoodsId}", ct);
        var sent = new (string Figure, object Expected, object? Actual)[]
        {
            ("budget sponsor", Name, budget.SponsorName), ("budget given", Budget, budget.Given), ("budget used", used, budget.Used),
            ("budget remaining", Spare, budget.Remaining), ("budget draws", $"{Funded.Id}:{used}", string.Join(",", budget.Draws.Select(d => $"{d.ActivityId}:{d.Points}"))),
            ("goods sponsor", Name, goods.SponsorName), ("goods sku", Goods.Sku, goods.Sku), ("goods given", Donated, goods.Given),
        };
        foreach (var (figure, expected, actual) in sent.Where(s => !Equals(s.Expected, s.Actual)))
        {
            report.Mismatches.Add($"{community.Site.Name} sponsorship {figure}: sent {expected}, read {actual}.");
        }

        report.Sponsorships = [budget, goods];
    }
}
