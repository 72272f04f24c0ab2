using System.Globalization;
using CsvHelper;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Statements;

public abstract partial class StatementContract<TApi>
{
    private static readonly string[] ChineseHeader =
        ["时间 (Asia/Shanghai)", "类型", "成员", "事由", "备注", "积分", "余额", "记录人", "事件编号", "账本位置"];

    // Parsed back by an independent CSV reader, fed the bytes as a spreadsheet gets them (byte-order mark included).
    private static async Task<(byte[] Bytes, List<string[]> Rows)> CsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            rows.Add(row.ToArray());
        }

        return (bytes, rows);
    }

    [Fact]
    public async Task The_csv_statement_is_utf8_with_a_bom_a_chinese_header_an_opening_row_and_one_row_per_entry()
    {
        var (scenario, statement) = await HistoryAsync();
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=csv");
        var (bytes, rows) = await CsvAsync(response);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"statement-{scenario.Passbook}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(ChineseHeader, rows[0]);
        Assert.Equal(["", "期初余额", "", "", "", "", "0", "", "", ""], rows[1]);
        var lines = statement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Count + 2, rows.Count);
        var zone = CommunityCalendar.Zone(CommunityCalendar.DefaultTimeZone);
        for (var i = 0; i < lines.Count; i++)
        {
            var (row, line) = (rows[i + 2], lines[i]);
            var local = TimeZoneInfo.ConvertTime(line.GetProperty("recordedAt").GetDateTimeOffset(), zone);
            Assert.Equal(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(line.GetProperty("member").GetString(), row[2]);
            Assert.Equal(line.GetProperty("points").GetInt64(), long.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(RunningBalances[i], long.Parse(row[6], CultureInfo.InvariantCulture));
            Assert.Equal(line.GetProperty("principal").GetString(), row[7]);
            Assert.Equal(line.GetProperty("eventId").GetString(), row[8]);
            Assert.Equal(line.GetProperty("position").GetInt64().ToString(CultureInfo.InvariantCulture), row[9]);
        }

        Assert.Equal(["积分奖励", "积分奖励", "积分奖励", "扣分", "志愿服务", "更正"], rows.Skip(2).Select(r => r[1]));
        Assert.Equal(["人居环境整治", "人居环境整治", "关爱老人", "乱扔垃圾", "河道清洁志愿服务", "更正：人居环境整治"], rows.Skip(2).Select(r => r[3]));
        Assert.Equal("清理河道垃圾", rows[2][4]);
        Assert.Equal("重复录入", rows[7][4]);
        Assert.Equal("+10", rows[2][5]);
        Assert.Equal("-20", rows[5][5]);
    }

    [Fact]
    public async Task The_csv_statement_speaks_english_when_asked()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);
        await scenario.AwardAsync(scenario.Passbook, Care);

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=csv&lang=en");
        var (_, rows) = await CsvAsync(response);

        Assert.Equal(["Time (Asia/Shanghai)", "Kind", "Member", "Reason", "Note", "Points", "Balance", "Recorded by", "Event id", "Ledger position"], rows[0]);
        Assert.Equal("Opening balance", rows[1][1]);
        Assert.Equal("Award", rows[2][1]);
    }

    [Fact]
    public async Task Commas_quotes_and_formula_like_notes_survive_the_csv_and_are_not_run_as_formulas()
    {
        var note = "=HYPERLINK(\"http://example.invalid\",\"点我\"), 以及 \"引号\"";
        var (scenario, _) = await HistoryAsync(note);
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=csv");
        var (_, rows) = await CsvAsync(response);

        Assert.Equal("'" + note, rows[2][4]);
        Assert.All(rows, row => Assert.Equal(10, row.Length));
        Assert.Equal(8, rows.Count);
    }

    [Fact]
    public async Task A_csv_of_a_community_in_another_zone_shows_times_in_that_zone()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api, "America/Los_Angeles");
        await scenario.AwardAsync(scenario.Passbook, Care);
        var statement = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement");

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=csv");
        var (_, rows) = await CsvAsync(response);

        var recordedAt = statement.GetProperty("lines")[0].GetProperty("recordedAt").GetDateTimeOffset();
        var local = TimeZoneInfo.ConvertTime(recordedAt, CommunityCalendar.Zone("America/Los_Angeles"));
        Assert.Equal("时间 (America/Los_Angeles)", rows[0][0]);
        Assert.Equal(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), rows[2][0]);
    }
}
