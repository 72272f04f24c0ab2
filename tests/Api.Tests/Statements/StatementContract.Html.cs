using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Statements;

public abstract partial class StatementContract<TApi>
{
    private static async Task<IDocument> HtmlAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";

    [Fact]
    public async Task The_html_statement_is_a_printable_chinese_passbook_page_with_every_line_and_its_running_balance()
    {
        var (scenario, statement) = await HistoryAsync();
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        var page = await HtmlAsync(response);

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("积分存折明细", page.QuerySelector("h1")?.TextContent);
        Assert.Contains(scenario.Passbook, page.Title);
        Assert.Equal(scenario.Passbook, Text(page.DocumentElement, "dd.passbook"));
        Assert.Equal(Head, Text(page.DocumentElement, "dd.head"));
        Assert.Equal("张伟、李娜、张小明", Text(page.DocumentElement, "dd.members"));
        Assert.Equal("津海社区（龙湖区 龙腾街道）", Text(page.DocumentElement, "dd.community"));
        Assert.Equal("全部账目", Text(page.DocumentElement, "dd.period"));
        Assert.Equal("0", Text(page.DocumentElement, "strong.opening-balance"));
        Assert.Equal("3", Text(page.DocumentElement, "strong.closing-balance"));
        Assert.Equal(["时间", "类型", "成员", "事由", "积分", "余额"], page.QuerySelectorAll("thead th").Select(th => th.TextContent));

        var rows = page.QuerySelectorAll("tbody tr.line").ToList();
        var lines = statement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Count, rows.Count);
        Assert.Equal(lines.Select(l => l.GetProperty("eventId").GetString()), rows.Select(r => r.GetAttribute("data-event-id")));
        Assert.Equal(["积分奖励", "积分奖励", "积分奖励", "扣分", "志愿服务", "更正"], rows.Select(r => Text(r, "td.kind")));
        Assert.Equal([Spouse, Head, Head, Child, Head, Spouse], rows.Select(r => Text(r, "td.member")));
        Assert.Equal(["+10", "+10", "+5", "-20", "+8", "-10"], rows.Select(r => Text(r, "td.points")));
        Assert.Equal(RunningBalances.Select(b => b.ToString()), rows.Select(r => Text(r, "td.balance")));
        Assert.Equal("人居环境整治备注：清理河道垃圾", Text(rows[0], "td.reason"));
        Assert.Equal("河道清洁志愿服务", Text(rows[4], "td.reason"));
        Assert.Equal("更正：人居环境整治原因：重复录入", Text(rows[5], "td.reason"));
        Assert.Equal("0", Text(page.DocumentElement, "tr.opening td.balance"));
        Assert.Equal("3", Text(page.DocumentElement, "tfoot tr.closing td.balance"));

        var position = long.Parse(Text(page.DocumentElement, "footer .ledger-position"));
        Assert.True(position >= lines.Max(l => l.GetProperty("position").GetInt64()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", Text(page.DocumentElement, "footer .generated-at"));
        Assert.Contains("生成时间", page.QuerySelector("footer")!.TextContent);
        Assert.Contains("账本位置", page.QuerySelector("footer")!.TextContent);
    }

    [Fact]
    public async Task The_html_statement_prints_on_a4_and_loads_only_its_stylesheet_from_this_origin()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        var page = await HtmlAsync(response);

        // Linked, not inline: a window the console opens keeps the console's CSP, which refuses inline styles.
        var link = Assert.Single(page.QuerySelectorAll("link"));
        Assert.Equal("stylesheet", link.GetAttribute("rel"));
        Assert.Equal("/shared/statement.css", link.GetAttribute("href"));
        var css = await Api.CreateClient().GetStringAsync("/shared/statement.css");
        Assert.Contains("@page", css);
        Assert.Contains("size: A4", css);
        Assert.Contains("@media print", css);
        Assert.Empty(page.QuerySelectorAll("script, style, img, iframe, object, embed"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Value.Contains("//", StringComparison.Ordinal));
        Assert.Equal("default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("本期没有积分变动。", Text(page.DocumentElement, "tr.empty"));
    }

    [Fact]
    public async Task Text_typed_into_the_ledger_is_shown_as_text_never_as_markup()
    {
        const string note = "<script>alert('x')</script><b>粗体</b> & \"引号\"";
        var (scenario, _) = await HistoryAsync(note);
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        var page = await HtmlAsync(response);

        Assert.Empty(page.QuerySelectorAll("script, b"));
        Assert.Equal("备注：" + note, page.QuerySelector("tr.line td.reason .remark")?.TextContent);
    }

    [Fact]
    public async Task The_html_statement_speaks_english_when_asked_by_lang()
    {
        var (scenario, _) = await HistoryAsync();
        using var owned = scenario;

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html&lang=en", "zh-CN,zh;q=0.9");
        var page = await HtmlAsync(response);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Points Passbook Statement", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(["Time", "Kind", "Member", "Reason", "Points", "Balance"], page.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = page.QuerySelectorAll("tbody tr.line").ToList();
        Assert.Equal(["Award", "Award", "Award", "Deduction", "Volunteer activity", "Correction"], rows.Select(r => Text(r, "td.kind")));
        Assert.Equal("Correction of: 人居环境整治Reason: 重复录入", Text(rows[5], "td.reason"));
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9,zh;q=0.5")]
    [InlineData("fr-FR,de;q=0.8")]
    public async Task The_html_statement_is_chinese_whatever_the_browsers_language(string acceptLanguage)
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html", acceptLanguage);
        var page = await HtmlAsync(response);

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("积分存折明细", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_negative_balance_after_a_correction_is_shown_with_a_warning_that_redemptions_are_paused()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);
        var award = await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, Litter);
        using (var corrected = await PostAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections",
                   new { eventId = award.GetProperty("eventId").GetGuid(), reason = "核实后撤销" }))
        {
            await corrected.AssertStatusAsync(System.Net.HttpStatusCode.Created);
        }

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        var page = await HtmlAsync(response);

        Assert.Equal("-10", Text(page.DocumentElement, "strong.closing-balance"));
        Assert.Contains("negative", page.QuerySelector("strong.closing-balance")!.ClassList);
        Assert.Contains("暂停兑换", page.QuerySelector("p.warning")?.TextContent);
    }

    [Fact]
    public async Task A_deduction_that_stopped_at_zero_says_how_much_was_due_and_how_much_was_taken()
    {
        using var scenario = await CommunityScenario.CreateAsync(Api);
        await scenario.AwardAsync(scenario.Passbook, Care);
        using (var set = await scenario.Committee.PutAsync($"/api/communities/{scenario.CommunityId}/deduction-policy",
                   System.Net.Http.Json.JsonContent.Create(new { policy = "stop-at-zero" })))
        {
            await set.AssertStatusAsync(System.Net.HttpStatusCode.OK);
        }

        await scenario.AwardAsync(scenario.Passbook, Litter);

        using var response = await GetStatementAsync(scenario.Clerk, scenario.Passbook, "format=html");
        var page = await HtmlAsync(response);

        var deduction = page.QuerySelectorAll("tbody tr.line")[1];
        Assert.Equal("-5", Text(deduction, "td.points"));
        Assert.Equal("乱扔垃圾（应扣 20 分，余额不足，实扣 5 分）", Text(deduction, "td.reason"));
        Assert.Equal("0", Text(deduction, "td.balance"));
    }
}
