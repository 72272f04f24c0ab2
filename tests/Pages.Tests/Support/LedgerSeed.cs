using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// A community set up the way its people would, through the HTTP API only: the admin registers it and issues a
/// committee and a clerk key, the committee defines points items, opens households, awards points and lists goods.
/// </summary>
public sealed class LedgerSeed
{
    /// <summary>Goods with plenty of stock.</summary>
    public static readonly CatalogItem Rice = new("rice-5kg", "大米（5 斤装）", "goods", 30, 1000);

    /// <summary>More goods with plenty of stock.</summary>
    public static readonly CatalogItem Oil = new("peanut-oil", "花生油 1 升", "goods", 45, 1000);

    /// <summary>Goods of which only two are left.</summary>
    public static readonly CatalogItem TeaSet = new("tea-set", "潮汕功夫茶具", "goods", 120, 2);

    /// <summary>A service: redeeming it issues a voucher.</summary>
    public static readonly CatalogItem CarWash = new("car-wash", "洗车服务", "service", 20, null);

    private readonly CounterServer _server;
    private readonly ConcurrentDictionary<long, Task> _rules = new();

    private LedgerSeed(CounterServer server, string communityId, string committeeKey, string clerkKey)
    {
        _server = server;
        CommunityId = communityId;
        CommitteeKey = committeeKey;
        ClerkKey = clerkKey;
    }

    /// <summary>The community's id.</summary>
    public string CommunityId { get; }

    /// <summary>The community's name.</summary>
    public string CommunityName => "龙湖测试社区";

    /// <summary>A committee key of the community.</summary>
    public string CommitteeKey { get; }

    /// <summary>A clerk key of the community.</summary>
    public string ClerkKey { get; }

    /// <summary>The clerk key's label, shown in the page's header.</summary>
    public static string ClerkLabel => "柜台一号 张敏";

    /// <summary>Registers a community with keys and a catalogue.</summary>
    public static async Task<LedgerSeed> CreateAsync(CounterServer server)
    {
        var communityId = "longhu-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = server.CreateApiClient(CounterServer.AdminKey))
        {
            await PostAsync(admin, "/api/communities", new { id = communityId, name = "龙湖测试社区", district = "龙湖区", street = "外砂街道" });
        }

        var committeeKey = await IssueKeyAsync(server, "committee", communityId, "两委 李明");
        var clerkKey = await IssueKeyAsync(server, "clerk", communityId, ClerkLabel);
        var seed = new LedgerSeed(server, communityId, committeeKey, clerkKey);
        foreach (var item in new[] { Rice, Oil, TeaSet, CarWash })
        {
            await seed.ListAsync(item);
        }

        return seed;
    }

    /// <summary>Issues another clerk key of the community: a counter of its own, whose day no other test touches.</summary>
    public Task<string> IssueClerkKeyAsync(string label) => IssueKeyAsync(_server, "clerk", CommunityId, label);

    /// <summary>Issues a key of <paramref name="role"/> with the admin key (a partner's names its partner); returns the secret.</summary>
    public static async Task<string> IssueKeyAsync(CounterServer server, string role, string? communityId, string label, string? partnerId = null)
    {
        using var admin = server.CreateApiClient(CounterServer.AdminKey);
        return (await PostAsync(admin, "/api/keys", new { role, communityId, partnerId, label })).GetProperty("key").GetString()!;
    }

    /// <summary>Opens a household with a new passbook and awards it <paramref name="points"/>.</summary>
    public async Task<Household> OpenHouseholdAsync(long points)
    {
        var household = new Household("HB" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), "陈丽华", ["陈丽华", "林志强", "林小雨"]);
        using var committee = _server.CreateApiClient(CommitteeKey);
        await PostAsync(committee, $"/api/communities/{CommunityId}/households",
            new { passbook = household.Passbook, headName = household.HeadName, members = household.Members, address = "外砂街道 12 号" });
        if (points > 0)
        {
            await _rules.GetOrAdd(points, DefineRuleAsync);
            await PostAsync(committee, $"/api/communities/{CommunityId}/awards",
                new { passbook = household.Passbook, ruleId = RuleId(points), member = household.Members[1], note = "测试发放" });
        }

        return household;
    }

    /// <summary>The household's balance as the API reports it.</summary>
    public async Task<long> BalanceAsync(string passbook)
    {
        using var committee = _server.CreateApiClient(CommitteeKey);
        return (await GetAsync(committee, $"/api/households/{passbook}")).GetProperty("balance").GetInt64();
    }

    /// <summary>The goods' stock on hand as the API reports it.</summary>
    public async Task<long?> StockAsync(string sku)
    {
        using var clerk = _server.CreateApiClient(ClerkKey);
        var catalog = await GetAsync(clerk, $"/api/communities/{CommunityId}/catalog");
        var items = catalog.ValueKind == JsonValueKind.Array ? catalog : catalog.GetProperty("items");
        var item = items.EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
        return item.TryGetProperty("stock", out var stock) && stock.ValueKind == JsonValueKind.Number ? stock.GetInt64() : null;
    }

    /// <summary>Redeems at the counter through the API, as a second counter would.</summary>
    public async Task<JsonElement> RedeemAsync(string passbook, params (string Sku, int Quantity)[] lines)
    {
        using var clerk = _server.CreateApiClient(ClerkKey);
        return await PostAsync(clerk, $"/api/communities/{CommunityId}/redemptions",
            new { passbook, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) }, idempotencyKey: Guid.NewGuid().ToString());
    }

    private async Task DefineRuleAsync(long points)
    {
        using var committee = _server.CreateApiClient(CommitteeKey);
        await PostAsync(committee, $"/api/communities/{CommunityId}/rules",
            new { id = RuleId(points), name = $"志愿服务 {points} 分", category = "志愿服务", points });
    }

    /// <summary>Lists <paramref name="item"/> (goods with their stock; a service with unlimited capacity).</summary>
    public async Task<CatalogItem> ListAsync(CatalogItem item)
    {
        using var committee = _server.CreateApiClient(CommitteeKey);
        await PostAsync(committee, $"/api/communities/{CommunityId}/catalog",
            new { sku = item.Sku, name = item.Name, kind = item.Kind, points = item.Points, stock = item.Stock });
        return item;
    }

    private static string RuleId(long points) => $"volunteer-{points}";

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        return await ReadAsync(response, $"POST {path}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, $"GET {path}");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string request)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{request} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return response.StatusCode == HttpStatusCode.NoContent ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>An item of the seeded catalogue: goods with stock, or a service (stock null).</summary>
public sealed record CatalogItem(string Sku, string Name, string Kind, long Points, long? Stock);

/// <summary>A seeded household.</summary>
public sealed record Household(string Passbook, string HeadName, string[] Members);
