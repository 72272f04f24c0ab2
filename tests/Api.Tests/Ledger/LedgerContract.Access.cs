using System.Net;
using System.Text;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Theory]
    [InlineData("POST", "/api/communities")]
    [InlineData("GET", "/api/communities/c1")]
    [InlineData("PUT", "/api/communities/c1/deduction-policy")]
    [InlineData("POST", "/api/communities/c1/rules")]
    [InlineData("GET", "/api/communities/c1/rules")]
    [InlineData("POST", "/api/communities/c1/households")]
    [InlineData("GET", "/api/households/pb1")]
    [InlineData("GET", "/api/households/pb1/statement?format=html")]
    [InlineData("POST", "/api/households/pb1/corrections")]
    [InlineData("POST", "/api/communities/c1/awards")]
    [InlineData("POST", "/api/communities/c1/activities")]
    [InlineData("GET", "/api/communities/c1/activities/a1")]
    [InlineData("POST", "/api/communities/c1/activities/a1/participants")]
    public async Task Every_ledger_endpoint_answers_401_without_a_key_before_reading_anything(string method, string path)
    {
        using var anonymous = Api.CreateClient(apiKey: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent("{", Encoding.UTF8, "application/json");
        }

        using var response = await anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_not_accepted_only_the_header_is()
    {
        using var scenario = await ScenarioAsync();
        var clerk = await Api.IssueKeyAsync(Role.Clerk, scenario.CommunityId);
        using var anonymous = Api.CreateClient(apiKey: null);

        using var response = await anonymous.GetAsync(
            $"/api/households/{scenario.Passbook}/statement?format=html&key={Uri.EscapeDataString(clerk.Key!)}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Theory]
    [InlineData("/api/communities/{0}", ProblemTypes.CommunityNotFound, true)]
    [InlineData("/api/communities/{0}/rules", ProblemTypes.CommunityNotFound, true)]
    [InlineData("/api/communities/{0}/activities/a1", "activity-not-found", false)] // participants: not the admin's to read
    public async Task A_community_that_does_not_exist_is_404_to_keys_that_reach_every_community(string template, string slug, bool admin)
    {
        var auditor = await Api.IssueKeyAsync(Role.Auditor, label: "审计");
        using var client = admin ? Api.CreateAdminClient() : Api.CreateClient(auditor.Key);
        var path = string.Format(template, CommunityScenario.NewId("none"));

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, slug);
    }

    [Fact]
    public async Task A_community_id_in_the_route_that_is_no_id_is_a_400_validation_problem()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.GetAsync("/api/communities/not%20an%20id");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("communityId", out _), problem.GetRawText());
    }
}
