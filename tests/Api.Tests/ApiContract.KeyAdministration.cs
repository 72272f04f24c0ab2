using System.Diagnostics;
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
    public async Task Listed_keys_show_label_role_community_and_issue_time_but_never_the_key_or_its_hash()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId, "柜台 1");
        var committee = await Api.IssueKeyAsync(Role.Committee, communityId, "两委");
        using var admin = Api.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/keys?communityId={communityId}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        Assert.Equal([clerk.KeyId, committee.KeyId], keys.Select(k => k.GetProperty("keyId").GetString()));
        Assert.Equal("clerk", keys[0].GetProperty("role").GetString());
        Assert.Equal("柜台 1", keys[0].GetProperty("label").GetString());
        Assert.Equal(communityId, keys[0].GetProperty("communityId").GetString());
        Assert.True(keys[0].GetProperty("issuedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.False(keys[0].TryGetProperty("revokedAt", out var revoked) && revoked.ValueKind != JsonValueKind.Null);
        Assert.DoesNotContain(clerk.Key!, body);
        Assert.DoesNotContain(ApiKeys.Hash(clerk.Key!), body);
        Assert.Equal(ApiKeys.KeyIdOf(ApiKeys.Hash(clerk.Key!)), clerk.KeyId);

        using var clerks = await admin.GetAsync($"/api/keys?communityId={communityId}&role=clerk");
        var onlyClerk = Assert.Single((await clerks.AssertStatusAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(clerk.KeyId, onlyClerk.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_its_next_request_and_revoking_it_again_is_a_conflict()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId, "丢失的平板");
        using var clerkClient = Api.CreateClient(clerk.Key);
        using (var before = await clerkClient.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = Api.CreateAdminClient();
        using var revoked = await admin.PostAsJsonAsync($"/api/keys/{clerk.KeyId}/revoke", new { reason = "平板丢失" });

        var answer = await revoked.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(clerk.KeyId, answer.GetProperty("keyId").GetString());
        using (var after = await clerkClient.GetAsync("/api/me"))
        {
            await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        var stream = await Api.Store.ReadStreamToListAsync(ApiKeys.StreamOf(ApiKeys.Hash(clerk.Key!)));
        Assert.Equal(["ApiKeyIssued.v2", "ApiKeyRevoked.v1"], stream.Select(e => e.Type));
        using var listed = await admin.GetAsync($"/api/keys?communityId={communityId}");
        var key = Assert.Single((await listed.AssertStatusAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("平板丢失", key.GetProperty("revokedReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, key.GetProperty("revokedAt").ValueKind);

        using var again = await admin.PostAsJsonAsync($"/api/keys/{clerk.KeyId}/revoke", new { reason = "again" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "key-already-revoked");
    }

    [Fact]
    public async Task Revoking_needs_an_admin_a_reason_and_a_key_id_that_was_issued()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        var auditor = await Api.IssueKeyAsync(Role.Auditor, label: "审计");
        using var admin = Api.CreateAdminClient();
        using var auditorClient = Api.CreateClient(auditor.Key);

        using var byAuditor = await auditorClient.PostAsJsonAsync($"/api/keys/{auditor.KeyId}/revoke", new { reason = "self" });
        await byAuditor.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var noReason = await admin.PostAsJsonAsync($"/api/keys/{auditor.KeyId}/revoke", new { reason = " " });
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        // The configured admin key is not an issued key: it has no id to revoke by.
        var adminKeyId = ApiKeys.KeyIdOf(ApiKeys.Hash(LedgerApiFactory.AdminKey));
        using var adminKey = await admin.PostAsJsonAsync($"/api/keys/{adminKeyId}/revoke", new { reason = "no" });
        await adminKey.AssertProblemAsync(HttpStatusCode.NotFound, "key-not-found");
        using var stillAdmin = await admin.GetAsync("/api/keys");
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_on_one_server_is_refused_by_another_server_of_the_ledger_within_five_seconds_and_after_a_restart()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId);
        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId, "柜台 2");
        await using var second = new SecondHost(Api);
        await ((Xunit.IAsyncLifetime)second).InitializeAsync();
        using var onSecond = second.CreateClient(clerk.Key);
        using (var known = await onSecond.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, known.StatusCode); // the second server now holds the key in its cache
        }

        using var admin = Api.CreateAdminClient();
        using var revoked = await admin.PostAsJsonAsync($"/api/keys/{clerk.KeyId}/revoke", new { reason = "离职" });
        await revoked.AssertStatusAsync(HttpStatusCode.OK);
        var clock = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (status != HttpStatusCode.Unauthorized && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var probe = await onSecond.GetAsync("/api/me");
            status = probe.StatusCode;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The second server accepted the revoked key for {clock.Elapsed}.");

        // A server started afterwards (a restart) knows it from the store alone.
        await using var restarted = new SecondHost(Api);
        await ((Xunit.IAsyncLifetime)restarted).InitializeAsync();
        using var onRestarted = restarted.CreateClient(clerk.Key);
        using var refused = await onRestarted.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Admin_and_auditor_list_every_community_with_district_street_and_counts()
    {
        var communityId = NewId("c");
        await Api.RegisterCommunityAsync(communityId, district: "龙湖区");
        var auditor = await Api.IssueKeyAsync(Role.Auditor, label: "审计");
        using var auditorClient = Api.CreateClient(auditor.Key);

        foreach (var client in new[] { Api.CreateAdminClient(), auditorClient })
        {
            using var response = await client.GetAsync("/api/communities");
            var listed = (await response.AssertStatusAsync(HttpStatusCode.OK)).EnumerateArray()
                .Single(c => c.GetProperty("id").GetString() == communityId);
            Assert.Equal("龙湖区", listed.GetProperty("district").GetString());
            Assert.Equal("外砂街道", listed.GetProperty("street").GetString());
            Assert.Equal(0, listed.GetProperty("households").GetInt64());
        }

        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId, "柜台");
        using var clerkClient = Api.CreateClient(clerk.Key);
        using var refused = await clerkClient.GetAsync("/api/communities");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
