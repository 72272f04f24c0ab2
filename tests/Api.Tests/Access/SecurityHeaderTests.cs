using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.EventStore;

namespace Ledger.Api.Tests.Access;

/// <summary>Every HTML answer forbids framing and sniffing; JSON and CSV answers forbid sniffing.</summary>
public sealed class SecurityHeaderTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public async Task Pages_posters_statements_and_shift_closes_carry_a_policy_against_framing_and_nosniff()
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        await PublishAsync(world);

        using var anonymous = api.CreateClient(apiKey: null);
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("landing page", await anonymous.GetAsync("/")),
            ("counter page", await anonymous.GetAsync("/counter")),
            ("poster", await anonymous.GetAsync($"/api/communities/{world.CommunityId}/honor-rolls/all?format=html")),
            ("statement", await world.Committee.GetAsync($"/api/households/{world.Passbook()}/statement?format=html")),
            ("shift close", await world.Clerk.GetAsync($"/api/communities/{world.CommunityId}/shift-close?format=html")),
        };

        foreach (var (what, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("script-src *", policy);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            response.Dispose();
        }
    }

    [Fact]
    public async Task Json_answers_and_problems_carry_nosniff()
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        using var anonymous = api.CreateClient(apiKey: null);

        using var json = await world.Committee.GetAsync($"/api/communities/{world.CommunityId}");
        using var problem = await anonymous.GetAsync($"/api/communities/{world.CommunityId}");

        Assert.Equal("nosniff", Assert.Single(json.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
        Assert.Equal("nosniff", Assert.Single(problem.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_honour_roll_csv_starts_with_a_utf8_byte_order_mark()
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        await PublishAsync(world);

        var bytes = await world.Committee.GetByteArrayAsync($"/api/communities/{world.CommunityId}/honor-rolls/all?format=csv");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("rank,", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    private static async Task PublishAsync(SupermarketWorld world)
    {
        using var published = await world.Committee.PostAsJsonAsync(
            $"/api/communities/{world.CommunityId}/honor-rolls", new { period = "all", top = 10 }, LedgerJson.Options);
        await published.AssertStatusAsync(HttpStatusCode.Created);
    }
}
