using LonghuPilot.Client;
using LonghuPilot.Plan;

namespace LonghuPilot.Run;

/// <summary>
/// The showcase community's partners (长者发屋, 长者食堂): registered by the committee, each with a key the admin issues
/// (role <c>partner</c>); each provides a service at a settlement price in fen. Households redeem vouchers for the
/// services at the counter, and each partner marks its own vouchers served with its key. The settlement of every
/// partner and month served in is read back and compared figure by figure.
/// </summary>
public sealed class PilotPartners(LedgerClient client, CommunityPlan community)
{
    /// <summary>The time zone the community was registered in: a voucher's month is the one it was served in there.</summary>
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly Dictionary<string, string> _keys = [];

    private string Cid => community.Site.Id;

    /// <summary>Registers the partners (before the catalogue names them as providers) and has their keys issued.</summary>
    public async Task<string> RegisterAsync(string adminKey, string committee, CancellationToken ct)
    {
        foreach (var partner in community.Partners)
        {
            await client.PostAsync<object>(committee, $"/api/communities/{Cid}/partners",
                new PartnerBody(partner.Id, partner.Name, partner.Kind), $"partner-{Cid}-{partner.Id}", ct, "partner-exists");
            _keys[partner.Id] = (await client.PostAsync<IssuedKeyAnswer>(adminKey, "/api/keys",
                new IssueKeyBody("partner", Cid, $"{partner.Name}核销", partner.Id), $"key-partner-{Cid}-{partner.Id}", ct))!.Key;
        }

        return $"{community.Partners.Count} partners in {community.Site.Name}: "
            + string.Join(", ", community.Partners.Select(p => $"{p.Name} ({p.Service.Name}, {p.Service.SettlementFen} fen)"));
    }

    /// <summary>Redeems the partners' vouchers at the counter, and has each partner serve its own with its key.</summary>
    public async Task<string> ServeAsync(string clerk, PilotReport report, CancellationToken ct)
    {
        foreach (var redemption in community.PartnerShop)
        {
            var receipt = await PilotRunner.RedeemOnlyAsync(client, Cid, clerk, redemption, ct);
            foreach (var (voucher, n) in receipt.Vouchers.Take(redemption.FulfilVouchers).Select((v, i) => (v, i + 1)))
            {
                var provider = Provider(voucher.Sku);
                var served = (await client.PostAsync<FulfilledAnswer>(_keys[provider.Id], $"/api/vouchers/{voucher.VoucherId}/fulfil", null,
                    $"fulfil-{Cid}-{redemption.Number:0000}-{n}", ct))!;
                report.Served.Add((provider.Id, voucher.Sku, Month(served.FulfilledAt ?? DateTimeOffset.UtcNow)));
            }
        }

        return $"{community.PartnerShop.Count} redemptions, {report.Served.Count} vouchers served by their partners";
    }

    /// <summary>
    /// Reads each partner's settlement as the auditor, for every month its vouchers were served in (this month when the
    /// run served none, as a read back alone does), and compares count, points and amount due per sku and in total.
    /// </summary>
    public async Task ReadBackAsync(string auditor, PilotReport report, CancellationToken ct)
    {
        var served = report.Served.Count > 0 ? report.Served : Planned();
        foreach (var partner in community.Partners)
        {
            foreach (var month in served.Where(s => s.PartnerId == partner.Id).Select(s => s.Month).Distinct().Order())
            {
                var (answer, _) = await client.GetOptionalAsync<SettlementAnswer>(
                    auditor, $"/api/communities/{Cid}/partners/{partner.Id}/settlement?period={month}", ct);
                if (answer is null)
                {
                    report.Mismatches.Add($"{community.Site.Name} settlement of {partner.Name} for {month}: not found (404).");
                    continue;
                }

                long count = served.Count(s => s.PartnerId == partner.Id && s.Month == month);
                var (points, fen) = (count * partner.Service.Points, count * partner.Service.SettlementFen!.Value);
                var line = answer.Lines.SingleOrDefault(l => l.Sku == partner.Service.Sku);
                var figures = new (string Figure, object Expected, object? Actual)[]
                {
                    ("partner", partner.Name, answer.PartnerName), ("lines", 1L, (long)answer.Lines.Count),
                    ($"{partner.Service.Sku} count", count, line?.Count), ($"{partner.Service.Sku} points", points, line?.Points),
                    ($"{partner.Service.Sku} amount due (fen)", fen, line?.AmountFen),
                    ("total count", count, answer.Count), ("total points", points, answer.Points), ("total amount due (fen)", fen, answer.AmountFen),
                };
                foreach (var (figure, expected, actual) in figures.Where(f => !Equals(f.Expected, f.Actual)))
                {
                    report.Mismatches.Add($"{community.Site.Name} settlement of {partner.Name} for {month}, {figure}: sent {expected}, read {actual}.");
                }

                report.Settlements.Add(answer);
            }
        }
    }

    /// <summary>What the plan serves, all in this month: what a read back expects when it did not send the run itself.</summary>
    private List<(string PartnerId, string Sku, string Month)> Planned() =>
        [.. community.PartnerShop.SelectMany(r => Enumerable.Repeat(Provider(r.Lines[0].Sku), r.FulfilVouchers))
            .Select(p => (p.Id, p.Service.Sku, Month(DateTimeOffset.UtcNow)))];

    private PartnerPlan Provider(string sku) => community.Partners.Single(p => p.Service.Sku == sku);

    private static string Month(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM");
}
