using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// A community set up through the HTTP API for one test, with ids of its own so tests can share a host: committee and
/// clerk keys, three points items (clean-up +10 capped at 30 a month, care +5, litter -20) and one household.
/// </summary>
public sealed class CommunityScenario : IDisposable
{
    public const string Head = "张伟";
    public const string Spouse = "李娜";
    public const string Child = "张小明";
    public const string CleanUp = "clean-up";
    public const string Care = "care";
    public const string Litter = "litter";

    private CommunityScenario(LedgerApiFactory api, string communityId, HttpClient committee, HttpClient clerk)
    {
        Api = api;
        CommunityId = communityId;
        Committee = committee;
        Clerk = clerk;
    }

    public LedgerApiFactory Api { get; }

    public string CommunityId { get; }

    /// <summary>A client holding the community's committee key.</summary>
    public HttpClient Committee { get; }

    /// <summary>A client holding the community's clerk key.</summary>
    public HttpClient Clerk { get; }

    /// <summary>The household opened with the community (head 张伟, members 李娜 and 张小明).</summary>
    public string Passbook { get; private set; } = "";

    /// <summary>A fresh id, so tests sharing a host never collide.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>Registers a community (as the admin) and sets it up as described above.</summary>
    public static async Task<CommunityScenario> CreateAsync(LedgerApiFactory api, string? timeZone = null)
    {
        var communityId = NewId("c");
        using (var admin = api.CreateAdminClient())
        {
            using var registered = await admin.PostAsJsonAsync("/api/communities",
                new { id = communityId, name = "津海社区", district = "龙湖区", street = "龙腾街道", timeZone }, LedgerJson.Options);
            await registered.AssertStatusAsync(HttpStatusCode.Created);
        }

        var committee = await api.IssueKeyAsync(Role.Committee, communityId, "评议小组");
        var clerk = await api.IssueKeyAsync(Role.Clerk, communityId, "超市管理员");
        var scenario = new CommunityScenario(api, communityId, api.CreateClient(committee.Key), api.CreateClient(clerk.Key));
        await scenario.DefineRuleAsync(CleanUp, "人居环境整治", "人居环境", 10, 30);
        await scenario.DefineRuleAsync(Care, "关爱老人", "志愿服务", 5);
        await scenario.DefineRuleAsync(Litter, "乱扔垃圾", "扣分", -20);
        scenario.Passbook = await scenario.OpenHouseholdAsync();
        return scenario;
    }

    /// <summary>Defines a points item as the committee.</summary>
    public async Task DefineRuleAsync(string id, string name, string category, long points, long? monthlyCap = null)
    {
        using var response = await Committee.PostAsJsonAsync(
            $"/api/communities/{CommunityId}/rules", new { id, name, category, points, monthlyCap }, LedgerJson.Options);
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>Opens a household (head 张伟, members 李娜 and 张小明) as the committee and returns its passbook.</summary>
    public async Task<string> OpenHouseholdAsync(string? passbook = null)
    {
        passbook ??= NewId("pb");
        using var response = await Committee.PostAsJsonAsync(
            $"/api/communities/{CommunityId}/households", new { passbook, headName = Head, members = new[] { Spouse, Child } }, LedgerJson.Options);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return passbook;
    }

    /// <summary>Awards (or deducts) per <paramref name="ruleId"/> as the committee; asserts 201 and returns the entry.</summary>
    public async Task<JsonElement> AwardAsync(string passbook, string ruleId, string? member = null, string? note = null)
    {
        using var response = await PostAsync(Committee, $"/api/communities/{CommunityId}/awards", new { passbook, ruleId, member, note });
        return await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>Posts <paramref name="body"/> as JSON, with an idempotency key when given.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: LedgerJson.Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>GETs <paramref name="path"/>; asserts 200 and returns the JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>The household's account as its committee sees it.</summary>
    public Task<JsonElement> HouseholdAsync(string? passbook = null) => GetJsonAsync(Committee, $"/api/households/{passbook ?? Passbook}");

    public void Dispose()
    {
        Committee.Dispose();
        Clerk.Dispose();
    }
}

/// <summary>Reading answers in tests.</summary>
public static class ResponseAssertions
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the body as JSON (undefined when empty).</summary>
    public static async Task<JsonElement> AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
