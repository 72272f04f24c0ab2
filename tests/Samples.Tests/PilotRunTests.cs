using System.Net.Http.Json;
using LonghuPilot.Client;

namespace Ledger.Samples.Tests;

public sealed class PilotRunTests
{
    [Fact]
    public async Task The_small_pilot_reads_back_what_it_sent_and_a_second_run_records_nothing()
    {
        await using var server = PilotServer.Start();

        var (exitCode, report, output) = await PilotRun.RunAsync(PilotRun.Small(server, seed: 7));

        Assert.True(exitCode == 0, output);
        Assert.Empty(report!.Mismatches);
        var expected = report.Plan.Expected;
        Assert.Equal((expected.Households, expected.Activities, expected.Participations), report.Counts);
        if (report.DistrictStats is { } stats)
        {
            Assert.Equal(
                (expected.Activities, expected.Participations, expected.Households, expected.PointsIssued, expected.PointsRedeemed, expected.PointsOutstanding),
                (stats.Activities, stats.Participations, stats.Households, stats.PointsIssued, stats.PointsRedeemed, stats.PointsOutstanding));
        }
        else
        {
            Assert.Contains(report.Unavailable, line => line.StartsWith("District statistics: not available on this server (404)"));
        }

        // The server's own accounts, read here without the sample, add up to what the sample planned.
        using var admin = server.CreateApiClient(PilotServer.AdminKey);
        var auditorKey = (await (await admin.PostAsJsonAsync("api/keys", new { role = "auditor", label = "test" }))
            .Content.ReadFromJsonAsync<IssuedKeyAnswer>())!.Key;
        using var auditor = server.CreateApiClient(auditorKey);
        var accounts = new List<HouseholdAccount>();
        foreach (var household in report.Plan.Communities.SelectMany(c => c.Households))
        {
            accounts.Add((await auditor.GetFromJsonAsync<HouseholdAccount>($"api/households/{household.Passbook}"))!);
        }

        Assert.Equal(expected.PointsOutstanding, accounts.Sum(a => a.Balance));
        Assert.Equal(expected.PointsIssued, accounts.Sum(a => a.Earned));
        Assert.Equal(expected.PointsDeducted, accounts.Sum(a => a.Deducted));
        Assert.Equal(expected.PointsCorrected, accounts.Sum(a => a.Corrected));
        Assert.Equal(expected.PointsRedeemed, accounts.Sum(a => a.Redeemed));
        Assert.Equal(expected.PointsRefunded, accounts.Sum(a => a.Refunded));
        var showcase = report.Plan.Communities[0];
        Assert.Equal(showcase.EarnedByPassbook.Values.Max(), report.Leaderboard!.Entries[0].Points);
        // The sponsor's budget paid for exactly its activity's participations and left the spare; its goods were given.
        var funded = showcase.Activities[0];
        Assert.Equal(
            [("points", funded.Points * funded.Participants.Count + 50, (long?)(funded.Points * funded.Participants.Count), (long?)50), ("goods", 20L, null, null)],
            report.Sponsorships.Select(s => (s.Kind, s.Given, s.Used, s.Remaining)));
        // Each partner served its vouchers with its own key, and its settlement reads back what the plan served at its price.
        Assert.Equal(
            showcase.Partners.Select(p => (p.Id, showcase.PartnerShop.Where(r => r.Lines[0].Sku == p.Service.Sku).Sum(r => (long)r.FulfilVouchers) * p.Service.SettlementFen!.Value)),
            report.Settlements.GroupBy(s => s.PartnerId).Select(g => (g.Key, g.Sum(s => s.AmountFen))));
        Assert.All(report.Settlements, s => Assert.True(s.Count > 0));
        var roll = await auditor.GetFromJsonAsync<HonorRollAnswer>($"api/communities/{showcase.Site.Id}/honor-rolls/all");
        Assert.Equal(report.Leaderboard.Entries[0].Passbook, roll!.Entries[0].Passbook);

        // The pilot reads back as 2024: every activity, participation and award was dated in it.
        var year = report.YearStats!;
        Assert.Equal(
            (expected.Activities, expected.Participations, expected.Households, expected.PointsIssued),
            (year.Activities, year.Participations, year.Households, year.PointsIssued));
        var closed = await auditor.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/communities/{showcase.Site.Id}/periods");
        Assert.Equal(
            Enumerable.Range(showcase.Site.Opened.Month, 13 - showcase.Site.Opened.Month).Select(m => $"2024-{m:00}"),
            closed.GetProperty("closed").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        var march = await auditor.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/communities/{showcase.Site.Id}/honor-rolls/2024-03/verify");
        Assert.True(march.GetProperty("ok").GetBoolean(), march.ToString());

        var head = (await admin.GetFromJsonAsync<HealthAnswer>("health"))!.Position;
        var (again, second, secondOutput) = await PilotRun.RunAsync(PilotRun.Small(server, seed: 7));

        Assert.True(again == 0, secondOutput);
        Assert.Equal(head, second!.HeadBefore);
        Assert.Equal(head, second.HeadAfter);
        Assert.Contains("Ledger head unchanged", secondOutput);
        Assert.Equal(head, (await admin.GetFromJsonAsync<HealthAnswer>("health"))!.Position);
    }

    [Fact]
    public async Task A_community_and_a_household_opened_before_the_run_are_taken_as_they_are()
    {
        await using var server = PilotServer.Start();
        var plan = LonghuPilot.Plan.PlanBuilder.Build(11, LonghuPilot.Plan.PilotScale.Small);
        var site = plan.Communities[0].Site;
        var household = plan.Communities[0].Households[0];
        using var admin = server.CreateApiClient(PilotServer.AdminKey);
        (await admin.PostAsJsonAsync("api/communities", new { id = site.Id, name = site.Name, district = plan.District, street = site.Street }))
            .EnsureSuccessStatusCode();
        var committeeKey = (await (await admin.PostAsJsonAsync("api/keys", new { role = "committee", communityId = site.Id, label = "先行" }))
            .Content.ReadFromJsonAsync<IssuedKeyAnswer>())!.Key;
        using var committee = server.CreateApiClient(committeeKey);
        (await committee.PostAsJsonAsync($"api/communities/{site.Id}/households",
            new { passbook = household.Passbook, headName = household.HeadName, members = household.Others })).EnsureSuccessStatusCode();

        var (exitCode, report, output) = await PilotRun.RunAsync(PilotRun.Small(server, seed: 11));

        Assert.True(exitCode == 0, output);
        Assert.Empty(report!.Mismatches);
        Assert.Contains($"{site.Name} ({site.Id}) was registered before", output);
        Assert.Contains($"Passbook {household.Passbook} was opened before", output);
        Assert.Equal(plan.Expected.Participations, report.Counts.Participations);
    }

    [Fact]
    public async Task Without_an_admin_key_the_sample_says_so_in_one_line_and_exits_2()
    {
        var (exitCode, report, output) = await PilotRun.RunAsync("--url", "http://127.0.0.1:1", "--scale", "small");

        Assert.Equal(2, exitCode);
        Assert.Null(report);
        Assert.StartsWith("error: no admin key", output);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_one_error_line_and_exit_1()
    {
        var (exitCode, _, output) = await PilotRun.RunAsync("--url", "http://127.0.0.1:1", "--admin-key", "lgr_x", "--scale", "small");

        Assert.Equal(1, exitCode);
        Assert.Contains("error: GET /health: the server cannot be reached", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));
    }

    private sealed record HouseholdAccount(string Passbook, long Balance, long Earned, long Deducted, long Corrected, long Redeemed, long Refunded);
}
