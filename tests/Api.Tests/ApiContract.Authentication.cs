using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task A_request_without_a_key_is_a_401_unauthorized_problem_with_a_challenge()
    {
        using var client = Api.CreateClient(apiKey: null);

        using var response = await client.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_request_with_an_unknown_key_is_a_401_unauthorized_problem()
    {
        using var client = Api.CreateClient("lgr_this-key-was-never-issued");
        var before = await Api.HeadAsync();

        using var response = await client.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("not a key of this ledger", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_request_without_a_key_to_an_unknown_route_is_401_so_routes_cannot_be_probed()
    {
        using var client = Api.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/api/secret-route");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task An_issued_key_authenticates_as_its_own_principal()
    {
        var auditor = await Api.IssueKeyAsync(Role.Auditor, label: "审计 张三");
        using var client = Api.CreateClient(auditor.Key);

        // An auditor reaches the API (it is not 401) but may not issue keys (403): proof of who it is.
        using var response = await client.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("auditor key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_committee_key_cannot_issue_keys()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        var committee = await Api.IssueKeyAsync(Role.Committee, communityId);
        using var client = Api.CreateClient(committee.Key);
        var before = await Api.HeadAsync();

        using var response = await client.PostRawJsonAsync("/api/keys", $$"""{"role":"clerk","communityId":"{{communityId}}","label":"x"}""");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Equal(before, await Api.HeadAsync());
    }
}
