using System.Net;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task Sixteen_activities_awarding_one_household_at_once_beside_sixteen_awards_to_it_all_land_exactly_once()
    {
        // A participation spans the activity and the household: racing the household's awards (which queue on the
        // process's turns once they lose), it must queue there too, or it loses round after round (issue 26).
        using var scenario = await ScenarioAsync();
        const int each = 16;
        var activities = new List<string>();
        for (var i = 0; i < each; i++)
        {
            activities.Add(await ScheduleAsync(scenario, points: 3));
        }

        using var start = new SemaphoreSlim(0);
        var participations = activities.Select(async id =>
        {
            await start.WaitAsync();
            using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/{id}/participants",
                new { participants = new[] { new { passbook = scenario.Passbook } } });
            return await response.AssertStatusAsync(HttpStatusCode.Created);
        }).ToList();
        var awards = Enumerable.Range(0, each).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
                new { passbook = scenario.Passbook, ruleId = Care, note = $"第 {i} 次" });
            return await response.AssertStatusAsync(HttpStatusCode.Created);
        }).ToList();
        start.Release(2 * each);
        await Task.WhenAll(participations.Concat(awards));

        Assert.Equal((3 + 5) * each, (await scenario.HouseholdAsync()).GetProperty("balance").GetInt64());
    }
}
