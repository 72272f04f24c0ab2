using System.Net;
using System.Text;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Statements;

public abstract partial class StatementContract<TApi>
{
    /// <summary>Levels at 10 and 25 points earned; 张伟 earns 5 a care award, so the second award reaches one star.</summary>
    private async Task<(CommunityScenario Scenario, Guid CrossingAward)> OneStarAsync()
    {
        var scenario = await CommunityScenario.CreateAsync(Api);
        using (var set = await scenario.Committee.PutAsync($"/api/communities/{scenario.CommunityId}/star-levels", new StringContent(
                   """{"levels":[{"stars":1,"points":10},{"stars":2,"points":25}]}""", Encoding.UTF8, "application/json")))
        {
            await set.AssertStatusAsync(HttpStatusCode.OK);
        }

        await scenario.AwardAsync(scenario.Passbook, Care);
        var crossing = await scenario.AwardAsync(scenario.Passbook, Care);
        return (scenario, crossing.GetProperty("eventId").GetGuid());
    }

    [Fact]
    public async Task The_json_statement_has_a_line_for_the_star_level_reached_and_the_level_in_its_header()
    {
        var (scenario, crossing) = await OneStarAsync();
        using var owned = scenario;

        var statement = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement");
        var before = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement?to=2001-01-01");

        Assert.Equal(1, statement.GetProperty("starLevel").GetInt32());
        Assert.Equal(0, before.GetProperty("starLevel").GetInt32());
        var line = statement.GetProperty("lines").EnumerateArray().Last();
        Assert.Equal("star-level", line.GetProperty("kind").GetString());
        Assert.Equal((1, 10L, 0L, 10L), (line.GetProperty("stars").GetInt32(), line.GetProperty("threshold").GetInt64(),
            line.GetProperty("points").GetInt64(), line.GetProperty("runningBalance").GetInt64()));
        Assert.Equal("★", line.GetProperty("description").GetString());
        var award = statement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("eventId").GetGuid() == crossing);
        Assert.Equal(award.GetProperty("version").GetInt64() + 1, line.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_printed_statement_shows_the_level_in_its_header_and_the_line_that_reached_it()
    {
        var (scenario, _) = await OneStarAsync();
        using var owned = scenario;

        using var chinese = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        using var english = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html&lang=en");
        var zh = await HtmlAsync(chinese);
        var en = await HtmlAsync(english);

        Assert.Equal("★ 一星级户", Text(zh.DocumentElement, "dd.star-level"));
        Assert.Equal("★ 1-star household", Text(en.DocumentElement, "dd.star-level"));
        var line = zh.QuerySelectorAll("tbody tr.line").Last();
        Assert.Equal("star-level", line.GetAttribute("data-kind"));
        Assert.Equal("星级户", Text(line, "td.kind"));
        Assert.Equal("评为一星级户（累计获得积分达到 10 分）", Text(line, "td.reason"));
        Assert.Equal("0", Text(line, "td.points"));
    }

    [Fact]
    public async Task The_csv_statement_has_a_row_for_the_star_level_reached()
    {
        var (scenario, _) = await OneStarAsync();
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=csv&lang=en");
        var (_, rows) = await CsvAsync(response);

        Assert.Equal(["Award", "Award", "Star level"], rows.Skip(2).Select(r => r[1]));
        Assert.Equal(("Became a 1-star household (10 points earned reached)", "0", "10"), (rows[^1][3], rows[^1][5], rows[^1][6]));
    }

    [Fact]
    public async Task A_household_without_a_star_level_says_so_in_the_printed_header()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");

        Assert.Equal("尚未评星", Text((await HtmlAsync(response)).DocumentElement, "dd.star-level"));
    }
}
