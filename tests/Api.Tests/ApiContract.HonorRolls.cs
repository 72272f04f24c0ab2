using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.HonorRolls;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task A_committee_publishes_an_honour_roll_once_and_anyone_prints_its_poster()
    {
        var communityId = NewId("hr");
        var setup = await DomainSetup.CreateAsync(Api, communityId, "H1", "H2");
        await setup.AwardAsync("H1", 2);
        await setup.AwardAsync("H2", 1, "配偶");
        var period = $"{DateTimeOffset.UtcNow.AddHours(8):yyyy-MM}";
        using var committee = Api.CreateClient(setup.CommitteeKey);

        using var published = await committee.PostAsJsonAsync($"/api/communities/{communityId}/honor-rolls", new { period, top = 10 });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var roll = (await published.Content.ReadFromJsonAsync<HonorRollResponse>(LedgerJson.Options))!;
        Assert.Equal(["H1:1:20", "H2:2:10"], roll.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));
        Assert.Equal($"/api/communities/{communityId}/honor-rolls/{period}", published.Headers.Location?.OriginalString);
        await (await committee.PostAsJsonAsync($"/api/communities/{communityId}/honor-rolls", new { period, top = 3 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "honor-roll-already-published");

        using var anonymous = Api.CreateClient((string?)null);
        using var html = await anonymous.GetAsync($"/api/communities/{communityId}/honor-rolls/{period}?format=html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await html.Content.ReadAsStringAsync());
        Assert.Equal("荣誉榜", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("测试社区", document.QuerySelector(".community")?.TextContent);
        Assert.Matches(@"^\d{4}年\d{1,2}月$", document.QuerySelector(".period")?.TextContent);
        Assert.Equal(["1 H1 户主H1 20", "2 H2 户主H2 10"], document.QuerySelectorAll("tbody tr").Select(r =>
            string.Join(" ", r.QuerySelector(".rank")!.TextContent, r.QuerySelector(".passbook")!.TextContent,
                r.QuerySelector(".head")!.FirstChild!.TextContent, r.QuerySelector(".points")!.TextContent)));
        Assert.Equal((roll.LedgerPosition.ToString(), roll.HeadHash),
            (document.QuerySelector(".position")?.TextContent, document.QuerySelector(".hash")?.TextContent));
        Assert.Contains("@page", document.QuerySelector("style")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("script, link, img, [src]"));

        var english = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/api/communities/{communityId}/honor-rolls/{period}?format=html&lang=en"));
        Assert.Equal("Honour Roll", english.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task An_honour_roll_is_read_as_json_or_csv_with_a_key_and_verified_against_the_ledger()
    {
        var communityId = NewId("hr");
        var setup = await DomainSetup.CreateAsync(Api, communityId, "K1", "K2");
        await setup.AwardAsync("K1", 1);
        await setup.AwardAsync("K2", 1);
        using var committee = Api.CreateClient(setup.CommitteeKey);
        (await committee.PostAsJsonAsync($"/api/communities/{communityId}/honor-rolls", new { period = "all", top = 5 })).EnsureSuccessStatusCode();
        var path = $"/api/communities/{communityId}/honor-rolls/all";

        await (await Api.CreateClient((string?)null).GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId);
        using var client = Api.CreateClient(clerk.Key);
        var roll = await client.GetFromJsonAsync<HonorRollResponse>(path, LedgerJson.Options);
        Assert.Equal(["K1:1", "K2:1"], roll!.Entries.Select(e => $"{e.Passbook}:{e.Rank}"));

        using var csv = await client.GetAsync(path + "?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,passbook,headName,points,members,period,ledgerPosition,headHash", lines[0]);
        Assert.Equal($"1,K1,户主K1,10,户主K1:10,all,{roll.LedgerPosition},{roll.HeadHash}", lines[1]);
        await (await client.GetAsync(path + "?format=pdf")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        var verification = await client.GetFromJsonAsync<HonorRollVerification>(path + "/verify", LedgerJson.Options);
        Assert.True(verification!.Ok);
        await (await client.GetAsync($"/api/communities/{communityId}/honor-rolls/2020-01/verify"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "honor-roll-not-found");
    }
}
