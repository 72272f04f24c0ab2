using LonghuPilot.Client;
using LonghuPilot.Plan;

namespace LonghuPilot.Run;

/// <summary>
/// Sends the plan, phase by phase: the two batches open (community, keys, points items, households), then the year's
/// activities, awards and corrections, the supermarket and its counter, and the honour rolls. Each request's
/// idempotency key names its step, so running again answers every step with its first answer and records nothing.
/// </summary>
public sealed class PilotRunner(LedgerClient client, string adminKey, PilotReport report, PilotConsole progress)
{
    private readonly PilotPlan _plan = report.Plan;
    /// <summary>The period of the pilot's overall honour roll and of the figures read back beside the year's.</summary>
    public const string Period = "all";

    /// <summary>The pilot year: what every activity and award is dated in, and the period the year's figures are read by.</summary>
    public const string Year = "2024";

    private readonly Dictionary<string, (string Committee, string Clerk)> _keys = [];
    private readonly PilotSponsors _sponsors = new(client, report.Plan.Communities[0]);
    private readonly PilotPartners _partners = new(client, report.Plan.Communities[0]);

    /// <summary>Sends every phase in order.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var batch in _plan.Communities.GroupBy(c => c.Site.Batch))
        {
            await progress.PhaseAsync($"Batch {batch.Key} opens ({batch.First().Site.Opened:yyyy-MM})", async () =>
            {
                var existed = 0;
                foreach (var community in batch)
                {
                    existed += await OpenAsync(community, ct);
                }

                return $"{batch.Count()} communities, {batch.Sum(c => c.Rules.Count)} points items, "
                    + $"{batch.Sum(c => c.Households.Count)} households" + (existed > 0 ? $" ({existed} existed already)" : "");
            });
        }

        var sponsored = _plan.Communities[0].Site.Id;
        await progress.PhaseAsync("Sponsor's points budget (爱心企业)", () => _sponsors.RegisterAsync(_keys[sponsored].Committee, ct));
        await progress.PhaseAsync("Volunteer activities", () => EachAsync(ActivitiesAsync,
            $"{_plan.Expected.Activities} activities, {_plan.Expected.Participations} participations (人次)", ct));
        await progress.PhaseAsync("Points items awarded", () => EachAsync(EntriesAsync,
            $"{_plan.Communities.Sum(c => c.Entries.Count)} awards and deductions, {_plan.Communities.Sum(c => c.Corrections.Count)} corrections", ct));
        await progress.PhaseAsync("Partners (长者发屋, 长者食堂)", () => _partners.RegisterAsync(adminKey, _keys[sponsored].Committee, ct));
        await progress.PhaseAsync("Supermarket catalogue", () => EachAsync(CatalogAsync,
            $"{_plan.Communities.Sum(c => c.Catalog.Count)} items (粮油, 茶具, 文创, 洗车, 家政)", ct));
        await progress.PhaseAsync("Sponsor's donated goods", () => _sponsors.DonateAsync(_keys[sponsored].Committee, ct));
        await progress.PhaseAsync("Counter", () => EachAsync(ShopAsync,
            $"{_plan.Expected.Redemptions} redemptions ({_plan.Expected.Cancelled} cancelled), "
            + $"{_plan.Communities.Sum(c => c.Shop.OfType<RedemptionPlan>().Sum(r => r.FulfilVouchers))} vouchers fulfilled", ct));
        await progress.PhaseAsync("Partner services", () => _partners.ServeAsync(_keys[sponsored].Clerk, report, ct));
        await progress.PhaseAsync($"Honour rolls (period {Period})", () => EachAsync(HonorRollAsync,
            $"{_plan.Communities.Count} published", ct));
        await progress.PhaseAsync("Month close (月结)", () => EachAsync(CloseMonthsAsync,
            $"{_plan.Communities.Sum(c => PilotMonths(c).Count())} months: each month's honour roll published, then the month closed", ct));
    }

    private async Task<string> EachAsync(Func<CommunityPlan, CancellationToken, Task> phase, string summary, CancellationToken ct)
    {
        foreach (var community in _plan.Communities)
        {
            await phase(community, ct);
        }

        return summary;
    }

    /// <summary>Registers the community, has its keys issued, agrees its points items and opens its households.</summary>
    private async Task<int> OpenAsync(CommunityPlan community, CancellationToken ct)
    {
        var site = community.Site;
        var existed = 0;
        if (await client.PostAsync<object>(adminKey, "/api/communities",
                new RegisterCommunityBody(site.Id, site.Name, _plan.District, site.Street, "Asia/Shanghai"),
                $"community-{site.Id}", ct, "community-exists") is null)
        {
            progress.Warn($"{site.Name} ({site.Id}) was registered before, not by this seed's run: taken as it is.");
            existed++;
        }

        var committee = await IssueKeyAsync("committee", site, $"{site.Name}积分评议小组（第{site.Batch}批试点）", ct);
        var clerk = await IssueKeyAsync("clerk", site, $"{site.Name}党群服务超市管理员", ct);
        _keys[site.Id] = (committee, clerk);

        foreach (var rule in community.Rules)
        {
            await client.PostAsync<object>(committee, $"/api/communities/{site.Id}/rules",
                new RuleBody(rule.Id, rule.Name, rule.Category, rule.Points, rule.MonthlyCap), $"rule-{site.Id}-{rule.Id}", ct);
        }

        foreach (var household in community.Households)
        {
            if (await client.PostAsync<object>(committee, $"/api/communities/{site.Id}/households",
                    new HouseholdBody(household.Passbook, household.HeadName, household.Others, household.Address),
                    $"household-{household.Passbook}", ct, "household-exists") is null)
            {
                progress.Warn($"Passbook {household.Passbook} was opened before, not by this seed's run: taken as it is.");
                existed++;
            }
        }

        return existed;
    }

    private async Task<string> IssueKeyAsync(string role, CommunitySite site, string label, CancellationToken ct) =>
        (await client.PostAsync<IssuedKeyAnswer>(adminKey, "/api/keys", new IssueKeyBody(role, site.Id, label), $"key-{role}-{site.Id}", ct))!.Key;

    private async Task ActivitiesAsync(CommunityPlan community, CancellationToken ct)
    {
        var (committee, _) = _keys[community.Site.Id];
        var path = $"/api/communities/{community.Site.Id}/activities";
        foreach (var activity in community.Activities)
        {
            var step = $"{community.Site.Id}-{activity.Id}";
            var body = community == _plan.Communities[0] ? _sponsors.Body(activity)
                : new ActivityBody(activity.Id, activity.Title, new OrganizerBody(activity.OrganizerKind, activity.OrganizerName), activity.Date, activity.Points);
            await client.PostAsync<object>(committee, path, body, $"activity-{step}", ct, "activity-exists");
            await client.PostAsync<object>(committee, $"{path}/{activity.Id}/participants",
                new ParticipantsBody([.. activity.Participants.Select(p => new ParticipantBody(p.Passbook, p.Member))]), $"participants-{step}", ct);
        }
    }

    private async Task EntriesAsync(CommunityPlan community, CancellationToken ct)
    {
        var cid = community.Site.Id;
        var (committee, _) = _keys[cid];
        var events = new Dictionary<int, Guid>();
        foreach (var entry in community.Entries)
        {
            var answer = await client.PostAsync<EntryAnswer>(committee, $"/api/communities/{cid}/awards",
                new AwardBody(entry.Passbook, entry.RuleId, entry.Member, entry.Note, entry.OccurredOn), $"entry-{cid}-{entry.Number:0000}", ct);
            events[entry.Number] = answer!.EventId;
        }

        foreach (var correction in community.Corrections)
        {
            var entry = community.Entries[correction.EntryNumber - 1];
            await client.PostAsync<object>(committee, $"/api/households/{entry.Passbook}/corrections",
                new CorrectionBody(events[correction.EntryNumber], correction.Reason), $"correction-{cid}-{correction.EntryNumber:0000}", ct);
        }
    }

    private async Task CatalogAsync(CommunityPlan community, CancellationToken ct)
    {
        var cid = community.Site.Id;
        foreach (var item in community.Catalog)
        {
            await client.PostAsync<object>(_keys[cid].Committee, $"/api/communities/{cid}/catalog",
                new CatalogBody(item.Sku, item.Name, item.Kind, item.Points, item.Stock, item.Capacity, item.ProviderId, item.SettlementFen),
                $"catalog-{cid}-{item.Sku}", ct);
        }
    }

    private async Task ShopAsync(CommunityPlan community, CancellationToken ct)
    {
        var cid = community.Site.Id;
        var (_, clerk) = _keys[cid];
        foreach (var step in community.Shop)
        {
            switch (step)
            {
                case Restock restock:
                    await client.PostAsync<object>(clerk, $"/api/communities/{cid}/catalog/{restock.Sku}/stock",
                        new StockBody(restock.Quantity, restock.Note), $"restock-{cid}-{restock.Number}", ct);
                    break;
                case RedemptionPlan redemption:
                    await RedeemAsync(cid, clerk, redemption, ct);
                    break;
            }
        }
    }

    private async Task RedeemAsync(string cid, string clerk, RedemptionPlan redemption, CancellationToken ct)
    {
        var step = $"{cid}-{redemption.Number:0000}";
        var receipt = await RedeemOnlyAsync(client, cid, clerk, redemption, ct);
        foreach (var (voucher, n) in receipt.Vouchers.Take(redemption.FulfilVouchers).Select((v, i) => (v, i + 1)))
        {
            await client.PostAsync<object>(clerk, $"/api/vouchers/{voucher.VoucherId}/fulfil", null, $"fulfil-{step}-{n}", ct);
        }

        if (redemption.CancelReason is { } reason)
        {
            await client.PostAsync<object>(clerk, $"/api/redemptions/{receipt.RedemptionId}/cancel", new ReasonBody(reason), $"cancel-{step}", ct);
        }
    }

    /// <summary>Redeems a planned basket at the counter; the receipt names its vouchers.</summary>
    internal static async Task<RedemptionAnswer> RedeemOnlyAsync(LedgerClient client, string cid, string clerk, RedemptionPlan redemption, CancellationToken ct) =>
        (await client.PostAsync<RedemptionAnswer>(clerk, $"/api/communities/{cid}/redemptions",
            new RedeemBody(redemption.Passbook, redemption.Member, [.. redemption.Lines.Select(l => new RedeemLineBody(l.Sku, l.Quantity))]),
            $"redeem-{cid}-{redemption.Number:0000}", ct))!;

    private async Task HonorRollAsync(CommunityPlan community, CancellationToken ct) =>
        await client.PostAsync<object>(_keys[community.Site.Id].Committee, $"/api/communities/{community.Site.Id}/honor-rolls",
            new HonorRollBody(Period, community.HonorRollTop), $"honor-roll-{community.Site.Id}-{Period}", ct, "honor-roll-already-published");

    /// <summary>Publishes each pilot month's honour roll, then closes the month (月结), oldest first.</summary>
    private async Task CloseMonthsAsync(CommunityPlan community, CancellationToken ct)
    {
        var (cid, committee) = (community.Site.Id, _keys[community.Site.Id].Committee);
        foreach (var month in PilotMonths(community))
        {
            await client.PostAsync<object>(committee, $"/api/communities/{cid}/honor-rolls",
                new HonorRollBody(month, community.HonorRollTop), $"honor-roll-{cid}-{month}", ct, "honor-roll-already-published");
            await client.PostAsync<object>(committee, $"/api/communities/{cid}/periods/{month}/close", null,
                $"close-{cid}-{month}", ct, "period-already-closed");
        }
    }

    /// <summary>The months from the community's opening to December 2024, as <c>yyyy-MM</c>.</summary>
    private static IEnumerable<string> PilotMonths(CommunityPlan community) =>
        Enumerable.Range(community.Site.Opened.Month, 13 - community.Site.Opened.Month).Select(m => $"{Year}-{m:00}");
}
