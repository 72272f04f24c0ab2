using Ledger.Pages.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Pages.Tests;

/// <summary>The auditor's desk (/audit) in zh-CN: verify with progress, a tampered ledger's problem row, trace, export.</summary>
public sealed class AuditDeskOnSqlite(DeskFixture desk) : IClassFixture<DeskFixture>
{
    [Fact]
    public async Task An_auditor_verifies_traces_exports_and_finds_the_changed_event_of_a_tampered_ledger()
    {
        var household = await desk.Seed.OpenHouseholdAsync(80);
        var auditorKey = await IssueAuditorKeyAsync();
        var page = await desk.NewDeskPageAsync();
        await page.GotoAsync("/audit");
        await page.FillAsync("#api-key", auditorKey);
        await page.ClickAsync("#signin-form button[type=submit]");

        await page.ClickAsync("#verify-start");
        await Expect(page.Locator("#verify-verdict")).ToContainTextAsync("账本完整", new() { Timeout = 60_000 });

        // Trace: the award is tied to its points item and version, the member, the committee key and its hash.
        await page.FillAsync("#trace-form input[name=passbook]", household.Passbook);
        await page.ClickAsync("#trace-form button[type=submit]");
        var award = page.Locator("#trace-table tbody tr").Last;
        await Expect(award).ToContainTextAsync("第 1 版");
        await Expect(award).ToContainTextAsync(household.Members[1]);
        await Expect(award).ToContainTextAsync("两委 李明");
        await Expect(award).ToContainTextAsync("+80");

        // Export: fetched with the key in a header, saved from a blob.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-start"));
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path!);
        Assert.True(lines.Length > 5);
        Assert.Contains(lines, l => l.Contains(household.Passbook, StringComparison.Ordinal));

        desk.TamperWithAwards(household.Passbook);
        await page.ClickAsync("#verify-start");
        var problem = page.Locator("#problem-table tbody tr[data-kind=changed]");
        await Expect(problem).ToContainTextAsync("事件被改动", new() { Timeout = 60_000 });
        await Expect(problem).ToContainTextAsync($"household-{household.Passbook}");
        await Expect(page.Locator("#verify-verdict")).ToContainTextAsync("发现");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DeskFixture.Artifact("audit-tampered.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private Task<string> IssueAuditorKeyAsync() => LedgerSeed.IssueKeyAsync(desk.Server, "auditor", null, "区纪委 审计");
}
