using System.Globalization;
using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

/// <summary>Business dates (<c>occurredOn</c>) and month close (月结) over HTTP, on both stores, at the host's real clock.</summary>
public abstract partial class LedgerContract<TApi>
{
    private static DateOnly TodayInShanghai => CommunityCalendar.DateOf(DateTimeOffset.UtcNow, CommunityCalendar.DefaultTimeZone);

    private static DateOnly FirstOfLastMonth => new DateOnly(TodayInShanghai.Year, TodayInShanghai.Month, 1).AddMonths(-1);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> AwardOnAsync(CommunityScenario scenario, DateOnly? occurredOn, string ruleId = Care) =>
        PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards", new { passbook = scenario.Passbook, ruleId, occurredOn });

    private static Task<HttpResponseMessage> CloseAsync(CommunityScenario scenario, string month) =>
        scenario.Committee.PostAsync($"/api/communities/{scenario.CommunityId}/periods/{month}/close", null);

    private static long BoardPoints(JsonElement board) => board.GetProperty("entries").EnumerateArray().Sum(e => e.GetProperty("points").GetInt64());

    [Fact]
    public async Task An_award_dated_last_month_counts_in_last_months_leaderboard_and_statement_with_both_dates()
    {
        using var scenario = await ScenarioAsync();
        var lastMonth = FirstOfLastMonth.AddDays(9);

        var dated = await (await AwardOnAsync(scenario, lastMonth)).AssertStatusAsync(HttpStatusCode.Created);
        var today = await (await AwardOnAsync(scenario, null)).AssertStatusAsync(HttpStatusCode.Created);
        var board = $"/api/communities/{scenario.CommunityId}/leaderboard?period=";
        var then = await GetJsonAsync(scenario.Clerk, board + Month(lastMonth));
        var now = await GetJsonAsync(scenario.Clerk, board + Month(TodayInShanghai));
        var statement = await GetJsonAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/statement");

        Assert.Equal(lastMonth.ToString("O"), dated.GetProperty("occurredOn").GetString());
        Assert.Equal(TodayInShanghai.ToString("O"), today.GetProperty("occurredOn").GetString());
        Assert.Equal((5L, 5L), (BoardPoints(then), BoardPoints(now)));
        var line = statement.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("kind").GetString() == "award");
        Assert.Equal(lastMonth.ToString("O"), line.GetProperty("occurredOn").GetString());
        Assert.Equal(TodayInShanghai, CommunityCalendar.DateOf(line.GetProperty("recordedAt").GetDateTimeOffset(), CommunityCalendar.DefaultTimeZone));
    }

    [Fact]
    public async Task An_award_dated_tomorrow_is_400_and_records_nothing()
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await AwardOnAsync(scenario, TodayInShanghai.AddDays(1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("occurredOn", out _));
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task The_committee_closes_an_ended_month_once_lists_it_and_nothing_more_is_dated_in_it()
    {
        using var scenario = await ScenarioAsync();
        var lastMonth = Month(FirstOfLastMonth);
        await (await AwardOnAsync(scenario, FirstOfLastMonth)).AssertStatusAsync(HttpStatusCode.Created);

        using var current = await CloseAsync(scenario, Month(TodayInShanghai));
        using var byClerk = await scenario.Clerk.PostAsync($"/api/communities/{scenario.CommunityId}/periods/{lastMonth}/close", null);
        using var closed = await CloseAsync(scenario, lastMonth);
        using var twice = await CloseAsync(scenario, lastMonth);
        using var late = await AwardOnAsync(scenario, FirstOfLastMonth.AddDays(3));
        using var notAMonth = await CloseAsync(scenario, "2025-13");
        var list = await GetJsonAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/periods");

        await current.AssertProblemAsync(HttpStatusCode.Conflict, "period-not-ended");
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        var answer = await closed.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(lastMonth, answer.GetProperty("period").GetString());
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "period-already-closed");
        await late.AssertProblemAsync(HttpStatusCode.Conflict, "period-closed");
        await notAMonth.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var listed = Assert.Single(list.GetProperty("closed").EnumerateArray());
        Assert.Equal(lastMonth, listed.GetProperty("period").GetString());
        Assert.StartsWith("key:", listed.GetProperty("closedBy").GetString());
        // The answer carries the decision time; the list the time the store recorded, a moment later.
        Assert.Equal(answer.GetProperty("closedAt").GetDateTimeOffset(), listed.GetProperty("closedAt").GetDateTimeOffset(), TimeSpan.FromSeconds(5));
        await (await AwardOnAsync(scenario, null)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Participants_of_an_activity_held_in_a_closed_month_are_refused()
    {
        using var scenario = await ScenarioAsync();
        var date = FirstOfLastMonth.AddDays(14);
        using var scheduled = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities",
            new { id = "greening", title = "乡村绿化", organizer = new { kind = "partner-unit", name = "龙湖区供电局" }, date, points = 5 });
        await scheduled.AssertStatusAsync(HttpStatusCode.Created);
        await (await CloseAsync(scenario, Month(date))).AssertStatusAsync(HttpStatusCode.Created);

        using var refused = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/greening/participants",
            new { participants = new[] { new { passbook = scenario.Passbook } } });

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "period-closed");
        Assert.Equal(0, (await scenario.HouseholdAsync()).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task A_months_honour_roll_published_before_a_late_entry_stays_as_published_and_still_verifies()
    {
        using var scenario = await ScenarioAsync();
        var month = Month(FirstOfLastMonth);
        await (await AwardOnAsync(scenario, FirstOfLastMonth)).AssertStatusAsync(HttpStatusCode.Created);
        using var published = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/honor-rolls", new { period = month, top = 10 });
        await published.AssertStatusAsync(HttpStatusCode.Created);

        await (await AwardOnAsync(scenario, FirstOfLastMonth.AddDays(1))).AssertStatusAsync(HttpStatusCode.Created);
        await (await CloseAsync(scenario, month)).AssertStatusAsync(HttpStatusCode.Created);
        var roll = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/honor-rolls/{month}");
        var verified = await GetJsonAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/honor-rolls/{month}/verify");
        var board = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/leaderboard?period={month}");

        Assert.Equal(5L, BoardPoints(roll));
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.ToString());
        Assert.Equal(10L, BoardPoints(board));
    }
}
