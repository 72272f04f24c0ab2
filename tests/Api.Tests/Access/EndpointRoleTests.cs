using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests.Access;

/// <summary>
/// Walks every endpoint of the OpenAPI document with every caller and checks <see cref="EndpointRoleTable"/>: an
/// allowed caller is never refused (401 or 403), anyone else is refused with 403 (401 without a key). Bodies are
/// empty objects, so an allowed call is refused as invalid and changes nothing, except where a request needs no body.
/// </summary>
public sealed class EndpointRoleTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly Callers[] Everyone =
        [Callers.Anonymous, Callers.Admin, Callers.Committee, Callers.Clerk, Callers.Auditor, Callers.Partner];

    private const string PartnerId = "barber";

    [Fact]
    public async Task Every_endpoint_in_the_openapi_document_has_a_row_and_every_row_an_endpoint()
    {
        var documented = await DocumentedEndpointsAsync();

        Assert.Empty(documented.Except(EndpointRoleTable.Rows.Keys).Order());
        Assert.Empty(EndpointRoleTable.Rows.Keys.Except(documented).Order());
    }

    [Fact]
    public async Task Each_caller_reaches_exactly_the_endpoints_its_row_allows()
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        var values = await RouteValuesAsync(world);
        var admin = api.CreateAdminClient();
        var clients = new Dictionary<Callers, HttpClient>
        {
            [Callers.Anonymous] = api.CreateClient(apiKey: null),
            [Callers.Admin] = admin,
            [Callers.Committee] = world.Committee,
            [Callers.Clerk] = world.Clerk,
            [Callers.Auditor] = world.Auditor,
            [Callers.Partner] = api.CreateClient((await api.IssuePartnerKeyAsync(world.CommunityId, PartnerId)).Key),
        };

        var wrong = new List<string>();
        foreach (var endpoint in await DocumentedEndpointsAsync())
        {
            var allowed = EndpointRoleTable.Rows.GetValueOrDefault(endpoint);
            foreach (var caller in Everyone)
            {
                var status = await CallAsync(clients[caller], endpoint, values);
                var expected = allowed.HasFlag(caller) ? "allowed" : caller == Callers.Anonymous ? "401" : "403";
                var ok = expected switch
                {
                    "allowed" => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500,
                    "401" => status == HttpStatusCode.Unauthorized,
                    _ => status == HttpStatusCode.Forbidden,
                };
                if (!ok)
                {
                    wrong.Add($"{endpoint} as {caller}: {(int)status}, expected {expected}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private async Task<IReadOnlyList<string>> DocumentedEndpointsAsync()
    {
        using var client = api.CreateClient(apiKey: null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        return
        [
            .. document.GetProperty("paths").EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}")),
        ];
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string endpoint, IReadOnlyDictionary<string, string> values)
    {
        var (method, template) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var path = values.Aggregate(template, (p, v) => p.Replace("{" + v.Key + "}", Uri.EscapeDataString(v.Value)));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    // Real ids of the world's community, so an allowed caller reaches the handler and is not stopped by a 404 first. The
    // service is the partner's, so its key may serve the voucher.
    private async Task<IReadOnlyDictionary<string, string>> RouteValuesAsync(SupermarketWorld world)
    {
        await world.Committee.RegisterPartnerAsync(world.CommunityId, PartnerId, "长者发屋");
        await world.Committee.ListServiceAsync(world.CommunityId, "wash", "洗车", 50, PartnerId, 800);
        using var redeemed = await world.RedeemAsync(world.Clerk, world.Passbook(), ("wash", 1));
        var receipt = await SupermarketWorld.JsonAsync(redeemed);
        var vouchers = await SupermarketWorld.JsonAsync(await world.Clerk.GetAsync($"/api/communities/{world.CommunityId}/vouchers"));
        var key = await api.IssueKeyAsync(Role.Clerk, world.CommunityId, "role table");
        return new Dictionary<string, string>
        {
            ["cid"] = world.CommunityId,
            ["passbook"] = world.Passbook(),
            ["sku"] = "wash",
            ["rid"] = receipt.GetProperty("redemptionId").GetString()!,
            ["vid"] = vouchers.GetProperty("vouchers")[0].GetProperty("voucherId").GetString()!,
            ["aid"] = "no-such-activity",
            ["period"] = "all",
            ["district"] = "龙湖区",
            ["keyId"] = key.KeyId,
            ["jobId"] = "0000000000000000",
            ["pid"] = PartnerId,
        };
    }
}
