using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Keys;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task The_admin_issues_a_committee_key_which_is_returned_once_and_stored_only_as_its_hash()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync(
            "/api/keys", $$"""{"role":"committee","communityId":"{{communityId}}","label":"两委 李四"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
        Assert.StartsWith(ApiKeys.KeyPrefix, issued.Key);
        Assert.Equal(Role.Committee, issued.Role);
        Assert.Equal(communityId, issued.CommunityId);
        Assert.Equal("两委 李四", issued.Label);
        var hash = ApiKeys.Hash(issued.Key!);
        Assert.Equal(ApiKeys.PrincipalIdOf(hash), issued.Id);

        var stored = Assert.Single(await Api.Store.ReadStreamToListAsync(ApiKeys.StreamOf(hash)));
        Assert.Equal("ApiKeyIssued.v2", stored.Type);
        Assert.Equal(ApiKeys.PrincipalIdOf(ApiKeys.Hash(LedgerApiFactory.AdminKey)), stored.Metadata.Principal);
        var dump = await Api.Backend.DumpAsync();
        Assert.Contains(hash, dump);
        Assert.DoesNotContain(issued.Key!, dump);
        Assert.DoesNotContain(issued.Key!, JsonSerializer.Serialize(await Api.ReadAllEventsAsync()));
    }

    [Fact]
    public async Task A_key_issued_with_an_idempotency_key_is_stored_nowhere_either()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"idem"}""", NewId("idem"));

        var issued = (await response.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
        Assert.DoesNotContain(issued.Key!, await Api.Backend.DumpAsync());
    }

    [Fact]
    public async Task A_key_for_a_community_that_does_not_exist_is_a_404_problem_and_stores_nothing()
    {
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync("/api/keys", """{"role":"clerk","communityId":"no-such-community","label":"x"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
        Assert.Equal("no-such-community", problem.GetProperty("communityId").GetString());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Theory]
    [InlineData("""{"role":"clerk","label":"x"}""", "communityId")]
    [InlineData("""{"role":"auditor","communityId":"c1","label":"x"}""", "communityId")]
    [InlineData("""{"role":"admin","communityId":"c1","label":"x"}""", "communityId")]
    [InlineData("""{"role":"committee","communityId":"has/slash","label":"x"}""", "communityId")]
    [InlineData("""{"label":"no role"}""", "role")]
    [InlineData("""{"role":"auditor"}""", "label")]
    [InlineData("""{"role":"auditor","label":""}""", "label")]
    public async Task A_key_request_that_breaks_the_rules_is_a_400_validation_problem_naming_the_field(string body, string field)
    {
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync("/api/keys", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.True(messages.GetArrayLength() > 0);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Fields_a_client_must_not_set_are_ignored_and_never_stored()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync(
            "/api/keys", """{"role":"auditor","label":"plain","keyHash":"0000","version":99,"recordedAt":"2020-01-01T00:00:00Z"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
        var stored = Assert.Single(await Api.Store.ReadStreamToListAsync(ApiKeys.StreamOf(ApiKeys.Hash(issued.Key!))));
        Assert.DoesNotContain("0000\"", stored.Data);
        Assert.DoesNotContain("version", stored.Data);
        Assert.DoesNotContain("2020", stored.Data);
    }
}
