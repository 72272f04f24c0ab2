using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task Community_and_district_statistics_answer_the_period_figures_right_after_the_writes()
    {
        var district = NewId("区");
        var (a, b) = (NewId("st"), NewId("st"));
        var first = await DomainSetup.CreateInDistrictAsync(Api, a, district, a + "-1", a + "-2");
        await first.AwardAsync(a + "-1", 3);
        var second = await DomainSetup.CreateInDistrictAsync(Api, b, district, b + "-1");
        await second.AwardAsync(b + "-1", 1);
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var committee = Api.CreateClient(first.CommitteeKey);

        var stats = await JsonAsync(committee, $"/api/communities/{a}/stats?period={month}");
        var whole = await JsonAsync(Api.CreateClient((await Api.IssueKeyAsync(Role.Auditor)).Key), $"/api/districts/{Uri.EscapeDataString(district)}/stats");

        Assert.Equal((a, "测试社区", district, month), (S(stats, "communityId"), S(stats, "name"), S(stats, "district"), S(stats, "period")));
        Assert.Equal((30L, 0L, 30L, 0L), (L(stats, "pointsIssued"), L(stats, "pointsDeducted"), L(stats, "pointsOutstanding"), L(stats, "redemptions")));
        Assert.Equal(JsonValueKind.Array, stats.GetProperty("skus").ValueKind);
        Assert.True(stats.TryGetProperty("from", out _) && stats.TryGetProperty("to", out _));
        Assert.Equal((2, 40L, 40L), (whole.GetProperty("communities").GetInt32(), L(whole, "pointsIssued"), L(whole, "pointsOutstanding")));
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), whole.GetProperty("perCommunity").EnumerateArray().Select(c => S(c, "communityId")));
        Assert.All(whole.GetProperty("perCommunity").EnumerateArray(), c => Assert.False(c.TryGetProperty("skus", out _)));
    }

    [Fact]
    public async Task The_district_leaderboard_ranks_communities_by_points_per_household_or_participations()
    {
        var district = NewId("区");
        var (a, b) = (NewId("dl"), NewId("dl"));
        var first = await DomainSetup.CreateInDistrictAsync(Api, a, district, a + "-1", a + "-2");
        await first.AwardAsync(a + "-1", 3);
        var second = await DomainSetup.CreateInDistrictAsync(Api, b, district, b + "-1");
        await second.AwardAsync(b + "-1", 2);
        using var committee = Api.CreateClient(second.CommitteeKey);
        var path = $"/api/districts/{Uri.EscapeDataString(district)}/leaderboard";

        var board = await JsonAsync(committee, path + "?period=all");
        var byParticipations = await JsonAsync(committee, path + "?by=participations&top=1");

        Assert.Equal((district, "all", "points"), (S(board, "district"), S(board, "period"), S(board, "by")));
        Assert.Equal([(1, b, 1L, 20L, 20m, 0L), (2, a, 2L, 30L, 15m, 0L)], board.GetProperty("entries").EnumerateArray().Select(e => (
            e.GetProperty("rank").GetInt32(), S(e, "communityId"), L(e, "households"), L(e, "pointsEarned"),
            e.GetProperty("pointsPerHousehold").GetDecimal(), L(e, "participations"))));
        // No participations anywhere: both tie at rank 1, listed by community id, and top=1 keeps the whole tie.
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), byParticipations.GetProperty("entries").EnumerateArray().Select(e => S(e, "communityId")));
        Assert.All(byParticipations.GetProperty("entries").EnumerateArray(), e => Assert.Equal(1, e.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task Statistics_refuse_missing_keys_clerks_other_districts_unknown_districts_and_bad_parameters()
    {
        var district = NewId("区");
        var communityId = NewId("sx");
        var setup = await DomainSetup.CreateInDistrictAsync(Api, communityId, district, communityId + "-1");
        var outsider = NewId("sx");
        await Api.RegisterCommunityAsync(outsider, NewId("区"));
        var stranger = Api.CreateClient((await Api.IssueKeyAsync(Role.Committee, outsider)).Key);
        var clerk = Api.CreateClient((await Api.IssueKeyAsync(Role.Clerk, communityId)).Key);
        using var committee = Api.CreateClient(setup.CommitteeKey);
        var (stats, districtStats, board) = (
            $"/api/communities/{communityId}/stats", $"/api/districts/{Uri.EscapeDataString(district)}/stats",
            $"/api/districts/{Uri.EscapeDataString(district)}/leaderboard");

        foreach (var path in new[] { stats, districtStats, board })
        {
            await (await Api.CreateClient((string?)null).GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            await (await clerk.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await stranger.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            var problem = await (await committee.GetAsync(path + "?period=2025-13")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
        }

        await (await committee.GetAsync(board + "?top=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        await (await committee.GetAsync(board + "?by=stars")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        await (await committee.GetAsync($"/api/districts/{NewId("无")}/stats")).AssertProblemAsync(HttpStatusCode.NotFound, "district-not-found");
        await (await committee.GetAsync($"/api/districts/{NewId("无")}/leaderboard")).AssertProblemAsync(HttpStatusCode.NotFound, "district-not-found");
        var auditor = Api.CreateClient((await Api.IssueKeyAsync(Role.Auditor)).Key);
        await (await auditor.GetAsync($"/api/communities/{NewId("none")}/stats")).AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
        Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync(stats + "?period=2025-Q1")).StatusCode);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string? S(JsonElement e, string name) => e.GetProperty(name).GetString();

    private static long L(JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
