using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Statements;

public abstract partial class StatementContract<TApi>
{
    [Fact]
    public async Task The_json_statement_lists_every_entry_with_who_why_and_the_running_balance()
    {
        var (scenario, statement) = await HistoryAsync();
        using var owned = scenario;

        var lines = statement.GetProperty("lines").EnumerateArray().ToList();

        Assert.Equal(0, statement.GetProperty("openingBalance").GetInt64());
        Assert.Equal(3, statement.GetProperty("closingBalance").GetInt64());
        Assert.Equal(RunningBalances, lines.Select(l => l.GetProperty("runningBalance").GetInt64()));
        Assert.Equal([10L, 10, 5, -20, 8, -10], lines.Select(l => l.GetProperty("points").GetInt64()));
        Assert.Equal(["award", "award", "award", "deduction", "activity-award", "correction"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal([Spouse, Head, Head, Child, Head, Spouse], lines.Select(l => l.GetProperty("member").GetString()));
        Assert.Equal(["人居环境整治", "人居环境整治", "关爱老人", "乱扔垃圾", "河道清洁志愿服务", "人居环境整治"],
            lines.Select(l => l.GetProperty("description").GetString()));
        Assert.Equal("清理河道垃圾", lines[0].GetProperty("note").GetString());
        Assert.Equal("重复录入", lines[5].GetProperty("note").GetString());
        Assert.Equal(lines[0].GetProperty("eventId").GetGuid(), lines[5].GetProperty("correctedEventId").GetGuid());
        Assert.Equal(CommunityCalendar.DefaultTimeZone, statement.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_statement_as_of_an_earlier_time_stops_there_and_a_period_after_the_entries_shows_only_the_opening_balance()
    {
        var (scenario, statement) = await HistoryAsync();
        using var owned = scenario;
        var third = statement.GetProperty("lines")[2].GetProperty("recordedAt").GetDateTimeOffset();
        var firstDay = DateOnly.Parse(statement.GetProperty("lines")[0].GetProperty("date").GetString()!);
        var lastDay = DateOnly.Parse(statement.GetProperty("lines")[5].GetProperty("date").GetString()!);

        var asOf = await GetJsonAsync(scenario.Clerk,
            $"/api/households/{scenario.Passbook}/statement?asOf={Uri.EscapeDataString(third.ToString("O"))}");
        var later = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement?from={lastDay.AddDays(1):yyyy-MM-dd}");
        var earlier = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement?to={firstDay.AddDays(-1):yyyy-MM-dd}");
        var whole = await GetJsonAsync(scenario.Clerk,
            $"/api/households/{scenario.Passbook}/statement?from={firstDay:yyyy-MM-dd}&to={lastDay:yyyy-MM-dd}");

        Assert.Equal([10L, 20, 25], asOf.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("runningBalance").GetInt64()));
        Assert.Equal(25, asOf.GetProperty("closingBalance").GetInt64());
        Assert.Equal(0, later.GetProperty("lines").GetArrayLength());
        Assert.Equal(3, later.GetProperty("openingBalance").GetInt64());
        Assert.Equal(3, later.GetProperty("closingBalance").GetInt64());
        Assert.Equal(0, earlier.GetProperty("lines").GetArrayLength());
        Assert.Equal(0, earlier.GetProperty("closingBalance").GetInt64());
        Assert.Equal(6, whole.GetProperty("lines").GetArrayLength());
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("from=2025-3-1", "from")]
    [InlineData("to=31.03.2025", "to")]
    [InlineData("from=2025-03-02&to=2025-03-01", "to")]
    [InlineData("asOf=2025-03-01", "asOf")]
    [InlineData("format=html&lang=fr", "lang")]
    public async Task A_statement_query_that_cannot_be_read_is_a_400_naming_the_parameter(string query, string field)
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);

        using var response = await scenario.Clerk.GetAsync($"/api/households/{scenario.Passbook}/statement?{query}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("format=csv")]
    [InlineData("format=html")]
    public async Task Every_format_is_for_the_household_readers_only_the_admin_gets_403_and_no_key_401(string query)
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        using var auditorClient = Api.CreateClient(auditor.Key);
        using var admin = Api.CreateAdminClient();
        using var anonymous = Api.CreateClient(apiKey: null);
        var path = $"/api/households/{scenario.Passbook}/statement?{query}";

        foreach (var reader in new[] { scenario.Clerk, scenario.Committee, auditorClient })
        {
            using var ok = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("no-store", ok.Headers.CacheControl?.ToString());
        }

        using var byAdmin = await admin.GetAsync(path);
        using var byNobody = await anonymous.GetAsync(path);
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await byNobody.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }
}
