using System.Net;
using System.Text;
using System.Text.Json;
using LonghuPilot.Client;
using LonghuPilot.Plan;
using LonghuPilot.Run;
using Spectre.Console;

namespace Ledger.Samples.Tests;

/// <summary>
/// The read-back against the statistics, district ranking and verify answers in the shapes agreed for them, before
/// every server offers them: a stub answers those paths with the plan's own figures, or with one figure off.
/// </summary>
public sealed class ReadBackTests
{
    private static readonly PilotPlan Plan = PlanBuilder.Build(5, PilotScale.Small);

    [Fact]
    public async Task Statistics_ranking_and_verify_in_the_agreed_shapes_are_read_and_compared_figure_by_figure()
    {
        var (report, output) = await ReadBackAsync(Answers(outstandingOffBy: 0, foreign: false));

        Assert.Empty(report.Mismatches);
        Assert.Empty(report.Unavailable);
        Assert.Equal(Plan.Expected.PointsOutstanding, report.DistrictStats!.PointsOutstanding);
        Assert.Equal(Plan.Communities[0].Expected.PointsIssued, report.CommunityStats!.PointsIssued);
        Assert.Equal(Plan.Communities.Count, report.Ranking!.Entries.Count);
        Assert.True(report.Verify!.Ok);
        Assert.Contains("Verify: ok", output);
    }

    [Fact]
    public async Task A_district_figure_the_server_reports_differently_is_a_mismatch()
    {
        var (report, _) = await ReadBackAsync(Answers(outstandingOffBy: 1, foreign: false));

        Assert.Contains(report.Mismatches, m => m.Contains("points outstanding") && m.Contains($"sent {Plan.Expected.PointsOutstanding}"));
    }

    [Fact]
    public async Task Communities_of_the_district_the_pilot_did_not_create_are_left_out_of_the_comparison()
    {
        var (report, output) = await ReadBackAsync(Answers(outstandingOffBy: 0, foreign: true));

        Assert.Empty(report.Mismatches);
        Assert.Equal(Plan.Expected.Participations, report.DistrictStats!.Participations);
        Assert.Contains("also holds 1 communities this run did not create", output);
    }

    [Fact]
    public async Task Endpoints_the_server_lacks_are_reported_as_not_available_and_are_no_failure()
    {
        var answers = Answers(outstandingOffBy: 0, foreign: false);
        answers.Remove($"/api/districts/{Plan.District}/stats?period=all");
        answers.Remove("/api/audit/verify");

        var (report, output) = await ReadBackAsync(answers);

        Assert.Empty(report.Mismatches);
        Assert.Null(report.DistrictStats);
        Assert.Contains("Verify: not available on this server (404).", output);
        Assert.Equal(2, report.Unavailable.Count);
    }

    [Fact]
    public async Task Every_partner_settlement_figure_is_read_back_and_one_fen_off_is_a_mismatch()
    {
        var (report, _) = await ReadBackAsync(Answers(outstandingOffBy: 0, foreign: false));

        Assert.Equal(Plan.Communities[0].Partners.Select(p => p.Name), report.Settlements.Select(s => s.PartnerName));
        Assert.All(report.Settlements, s => Assert.True(s.AmountFen > 0));

        var off = Answers(outstandingOffBy: 0, foreign: false, settlementFenOff: 1);
        (report, _) = await ReadBackAsync(off);

        var barber = Plan.Communities[0].Partners[0];
        Assert.Contains(report.Mismatches, m => m.Contains($"settlement of {barber.Name}") && m.Contains("total amount due (fen)"));
    }

    private static async Task<(PilotReport Report, string Output)> ReadBackAsync(Dictionary<string, object> answers)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        using var http = new HttpClient(new Stub(answers)) { BaseAddress = new Uri("http://stub/") };
        var report = new PilotReport(Plan);
        await new ReadBack(new LedgerClient(http, Plan.Seed), "lgr_auditor", report, new PilotConsole(console)).RunAsync(CancellationToken.None);
        return (report, output.ToString());
    }

    private static Dictionary<string, object> Answers(long outstandingOffBy, bool foreign, long settlementFenOff = 0)
    {
        var answers = new Dictionary<string, object>();
        var per = Plan.Communities.Select(c => Stats(c.Site.Id, c.Site.Name, c.Expected, 0)).ToList();
        foreach (var c in Plan.Communities)
        {
            answers[$"/api/communities/{c.Site.Id}"] = new
            {
                id = c.Site.Id, name = c.Site.Name, district = Plan.District, households = c.Expected.Households,
                pointsItems = c.Rules.Count, activities = c.Expected.Activities, participations = c.Expected.Participations,
            };
        }

        var showcase = Plan.Communities[0];
        answers[$"/api/communities/{showcase.Site.Id}/stats?period=all"] = Stats(showcase.Site.Id, showcase.Site.Name, showcase.Expected, 0);
        var best = showcase.EarnedByPassbook.MaxBy(e => e.Value);
        answers[$"/api/communities/{showcase.Site.Id}/leaderboard?period=all&top=5"] = new
        {
            communityId = showcase.Site.Id, period = "all",
            entries = new[] { new { rank = 1, passbook = best.Key, headName = "户主", points = best.Value, members = Array.Empty<object>() } },
        };
        var district = Stats(null, null, Plan.Expected, outstandingOffBy);
        if (foreign)
        {
            var other = new Figures(3, 9, 4, 100, 0, 0, 20, 0, 1, 0);
            per.Add(Stats("jinhai", "津海社区", other, 0));
            district = Stats(null, null, Figures.Sum([Plan.Expected, other]), 0);
        }

        answers[$"/api/districts/{Plan.District}/stats?period=all"] = district with { communities = per.Count, perCommunity = per };
        // Everything the plan dates lies in 2024, so the year's figures compared are those of all time.
        answers[$"/api/districts/{Plan.District}/stats?period=2024"] = district with { communities = per.Count, perCommunity = per };
        answers[$"/api/districts/{Plan.District}/leaderboard?period=all&by=points&top=100"] = new
        {
            district = Plan.District, period = "all", by = "points",
            entries = Plan.Communities.Select((c, i) => new
            {
                rank = i + 1, communityId = c.Site.Id, name = c.Site.Name, households = c.Expected.Households,
                pointsEarned = c.EarnedByPassbook.Values.Sum(), pointsPerHousehold = (double)c.EarnedByPassbook.Values.Sum() / c.Expected.Households,
                participations = c.Expected.Participations,
            }),
        };
        // Each partner's settlement of this month (a read back alone expects what the plan serves in it), as the server words it.
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM");
        foreach (var partner in showcase.Partners)
        {
            var service = partner.Service;
            long count = showcase.PartnerShop.Where(r => r.Lines[0].Sku == service.Sku).Sum(r => r.FulfilVouchers);
            var (points, fen) = (count * service.Points, count * service.SettlementFen!.Value + settlementFenOff);
            answers[$"/api/communities/{showcase.Site.Id}/partners/{partner.Id}/settlement?period={month}"] = new
            {
                communityId = showcase.Site.Id, communityName = showcase.Site.Name, partnerId = partner.Id, partnerName = partner.Name, period = month,
                lines = new[] { new { sku = service.Sku, name = service.Name, count, points, amountFen = count * service.SettlementFen!.Value } },
                count, points, amountFen = fen,
            };
        }

        answers["/api/audit/verify"] = new { ok = true, events = 1234, streams = 56, headHash = "ab12", problems = Array.Empty<object>() };
        return answers;
    }

    private static StatsJson Stats(string? id, string? name, Figures f, long outstandingOffBy) => new(
        id, name, Plan.District, "all", null, null, f.Activities, f.Participations, f.Households, f.PointsIssued, f.PointsDeducted,
        f.PointsCorrected, f.PointsRedeemed, f.PointsRefunded, f.PointsOutstanding + outstandingOffBy, f.Redemptions,
        [new SkuJson("oil-5l", "花生油 5L", 3, 180)], null, null);

    // The agreed shape of GET .../stats, field for field (district answers add communities and perCommunity).
#pragma warning disable IDE1006
    private sealed record StatsJson(
        string? communityId, string? name, string district, string period, DateTimeOffset? from, DateTimeOffset? to, long activities,
        long participations, long households, long pointsIssued, long pointsDeducted, long pointsCorrected, long pointsRedeemed,
        long pointsRefunded, long pointsOutstanding, long redemptions, SkuJson[] skus, int? communities, List<StatsJson>? perCommunity);

    private sealed record SkuJson(string sku, string name, long quantity, long points);
#pragma warning restore IDE1006

    private sealed class Stub(Dictionary<string, object> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath) + request.RequestUri.Query;
            return Task.FromResult(answers.TryGetValue(path, out var body)
                ? new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(JsonSerializer.Serialize(body, body.GetType()), Encoding.UTF8, "application/json"),
                }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
