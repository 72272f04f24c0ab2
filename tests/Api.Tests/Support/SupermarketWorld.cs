using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Common;
using Ledger.Communities.DefinePointsItem;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Households.GetHousehold;
using Ledger.Households.OpenHousehold;
using Ledger.Keys;
using MediatR;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// One community's supermarket on a test host: its committee, two clerks, an auditor and households with points.
/// Catalogue and redemptions go through HTTP; households and awards (another module's endpoints) through the mediator.
/// </summary>
public sealed class SupermarketWorld : IDisposable
{
    private SupermarketWorld(LedgerApiFactory api, string communityId) => (Api, CommunityId) = (api, communityId);

    public LedgerApiFactory Api { get; }

    public string CommunityId { get; }

    public HttpClient Committee { get; private set; } = null!;

    public HttpClient Clerk { get; private set; } = null!;

    public HttpClient Clerk2 { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public Principal CommitteePrincipal { get; private set; } = null!;

    public IssuedApiKey ClerkKey { get; private set; } = null!;

    public IssuedApiKey Clerk2Key { get; private set; } = null!;

    /// <summary>A community with its keys, households <c>{cid}-1..n</c> holding <paramref name="balance"/> points each.</summary>
    public static async Task<SupermarketWorld> OpenAsync(LedgerApiFactory api, long balance = 500, int households = 1)
    {
        var world = new SupermarketWorld(api, $"sm-{Guid.NewGuid():N}"[..20]);
        await api.RegisterCommunityAsync(world.CommunityId);
        var committee = await api.IssueKeyAsync(Role.Committee, world.CommunityId, "评议小组");
        world.ClerkKey = await api.IssueKeyAsync(Role.Clerk, world.CommunityId, "超市管理员 1号柜台");
        world.Clerk2Key = await api.IssueKeyAsync(Role.Clerk, world.CommunityId, "超市管理员 2号柜台");
        var auditor = await api.IssueKeyAsync(Role.Auditor, label: "审计");
        (world.Committee, world.Clerk, world.Clerk2, world.Auditor) =
            (api.CreateClient(committee.Key), api.CreateClient(world.ClerkKey.Key), api.CreateClient(world.Clerk2Key.Key), api.CreateClient(auditor.Key));
        world.CommitteePrincipal = new Principal(committee.Id, Role.Committee, world.CommunityId, committee.Label);
        await world.SendAsync(new DefinePointsItemCommand(world.CommunityId, "bonus", "年度表彰", "表彰", balance));
        for (var i = 1; i <= households; i++)
        {
            await world.SendAsync(new OpenHouseholdCommand(world.CommunityId, world.Passbook(i), "陈伟", ["林秀英"]));
            await world.SendAsync(new AwardPointsCommand(world.CommunityId, world.Passbook(i), "bonus"));
        }

        return world;
    }

    /// <summary>The n-th household's passbook.</summary>
    public string Passbook(int n = 1) => $"{CommunityId}-{n}";

    /// <summary>Lists an item through HTTP as the committee and asserts 200.</summary>
    public async Task ListAsync(string sku, string name, string kind, long points, long? stock = null, long? capacity = null)
    {
        using var response = await Committee.PostAsJsonAsync($"/api/communities/{CommunityId}/catalog", new { sku, name, kind, points, stock, capacity });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a basket with a fresh idempotency key unless one is given.</summary>
    public Task<HttpResponseMessage> RedeemAsync(HttpClient clerk, string passbook, params (string Sku, int Quantity)[] lines) =>
        RedeemAsync(clerk, Guid.NewGuid().ToString("N"), passbook, lines);

    public Task<HttpResponseMessage> RedeemAsync(HttpClient clerk, string? idempotencyKey, string passbook, params (string Sku, int Quantity)[] lines) =>
        clerk.PostRawJsonAsync($"/api/communities/{CommunityId}/redemptions",
            JsonSerializer.Serialize(new { passbook, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) }), idempotencyKey);

    /// <summary>The household's account, read through the ledger's own query.</summary>
    public Task<HouseholdResponse> HouseholdAsync(int n = 1) => SendAsync(new GetHouseholdQuery(Passbook(n)));

    /// <summary>One catalogue item as <c>GET .../catalog/{sku}</c> shows it.</summary>
    public async Task<JsonElement> ItemAsync(string sku) => await JsonAsync(await Clerk.GetAsync($"/api/communities/{CommunityId}/catalog/{sku}"));

    /// <summary>Asserts 2xx and parses the body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends a ledger request through the host's mediator as the committee.</summary>
    public Task<T> SendAsync<T>(IRequest<Result<T>> request) => Api.SendAsAsync(CommitteePrincipal, null, request);

    public void Dispose()
    {
        Committee.Dispose();
        Clerk.Dispose();
        Clerk2.Dispose();
        Auditor.Dispose();
    }
}
