using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Households.GetStatement;
using Ledger.Leaderboards;

namespace Ledger.Api.Tests.Audit;

public abstract partial class AuditApiContract<TApi>
{
    [Fact]
    public async Task Balances_statements_and_leaderboards_are_shown_as_they_stood_at_a_global_position()
    {
        var communityId = $"asof-{Guid.NewGuid():N}"[..20];
        var setup = await DomainSetup.CreateAsync(api, communityId, "P1", "P2");
        await setup.AwardAsync("P1");
        var first = (await api.Store.ReadHeadAsync()).Position;
        await setup.AwardAsync("P2", 2);
        await setup.AwardAsync("P1");
        using var auditor = await AuditorAsync(api);

        var household = await auditor.GetFromJsonAsync<HouseholdResponse>($"/api/households/P1?atPosition={first}", LedgerJson.Options);
        var now = await auditor.GetFromJsonAsync<HouseholdResponse>("/api/households/P1", LedgerJson.Options);
        var statement = await auditor.GetFromJsonAsync<StatementResponse>($"/api/households/P1/statement?atPosition={first}", LedgerJson.Options);
        var then = await auditor.GetFromJsonAsync<LeaderboardResponse>(
            $"/api/communities/{communityId}/leaderboard?atPosition={first}", LedgerJson.Options);
        var board = await auditor.GetFromJsonAsync<LeaderboardResponse>($"/api/communities/{communityId}/leaderboard", LedgerJson.Options);

        Assert.Equal((10L, 2L, (long?)first), (household!.Balance, household.Version, household.AtPosition));
        Assert.Equal((20L, (long?)null), (now!.Balance, now.AtPosition));
        Assert.Equal([(first, 10L)], statement!.Lines.Select(l => (l.Position, l.RunningBalance)));
        Assert.Equal(first, statement.AtPosition);
        Assert.Equal(["P1:1:10"], then!.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));
        Assert.Equal(["P1:1:20", "P2:1:20"], board!.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            await auditor.GetStringAsync($"/api/households/P1/statement?atPosition={first}&format=html"));
        Assert.Equal(first.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".ledger-position")?.TextContent);
        var opened = (await api.Store.ReadStreamToListAsync("household-P1"))[0].Position;
        await (await auditor.GetAsync($"/api/households/P1?atPosition={opened - 1}"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
    }

    [Theory]
    [InlineData("atPosition=-1")]
    [InlineData("atPosition=ten")]
    [InlineData("atPosition=1.5")]
    [InlineData("atPosition=5&asOf=2025-03-31T00:00:00Z")]
    public async Task A_bad_position_or_both_cuts_at_once_is_a_validation_problem_on_every_as_of_read(string query)
    {
        var communityId = $"asof-{Guid.NewGuid():N}"[..20];
        var passbook = communityId.Replace("asof", "B");
        await DomainSetup.CreateAsync(api, communityId, passbook);
        using var auditor = await AuditorAsync(api);

        foreach (var path in new[] { $"/api/households/{passbook}", $"/api/households/{passbook}/statement", $"/api/communities/{communityId}/leaderboard" })
        {
            var problem = await (await auditor.GetAsync($"{path}?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
            Assert.Equal(["atPosition"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }
}
