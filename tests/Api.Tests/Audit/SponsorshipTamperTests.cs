using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Testing;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// The sponsors' audit checks over HTTP: silent on what the handlers wrote, loud on a budget's draws or a donation's
/// units changed in the ledger file behind the store's back.
/// </summary>
public sealed class SponsorshipTamperTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static string Yesterday => DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

    private async Task<SupermarketWorld> SponsoredWorldAsync()
    {
        var world = await SupermarketWorld.OpenAsync(api, households: 2);
        var cid = world.CommunityId;
        await world.ListAsync("oil", "花生油 5L", "goods", 50, stock: 3);
        await Created(PostAsync(world.Committee, $"/api/communities/{cid}/partners", new { id = "aixin", name = "爱心超市", kind = "enterprise" }));
        await Created(PostAsync(world.Committee, $"/api/communities/{cid}/sponsorships", new { id = "oil-gift", partnerId = "aixin", kind = "goods", sku = "oil", quantity = 20 }));
        await Created(PostAsync(world.Committee, $"/api/communities/{cid}/sponsorships", new { id = "budget", partnerId = "aixin", kind = "points", points = 30 }));
        await Created(PostAsync(world.Committee, $"/api/communities/{cid}/activities",
            new { id = "haircut", title = "爱心义剪", organizer = new { kind = "enterprise", name = "爱心超市" }, date = Yesterday, points = 10, sponsorshipId = "budget" }));
        await Created(PostAsync(world.Committee, $"/api/communities/{cid}/activities/haircut/participants",
            new { participants = new[] { new { passbook = world.Passbook(1) }, new { passbook = world.Passbook(2) } } }));
        return world;
    }

    private static async Task Created(Task<HttpResponseMessage> sent)
    {
        using var response = await sent;
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    // The class's tests share one ledger file, so each looks only at the problems of its own community's streams.
    private static async Task<List<(string Kind, string Stream)>> ProblemsAsync(SupermarketWorld world)
    {
        var report = await GetJsonAsync(world.Auditor, "/api/audit/verify");
        return report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("kind").GetString()!, p.GetProperty("stream").GetString()!))
            .Where(p => p.Item2.Contains(world.CommunityId, StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_sponsored_ledger_the_handlers_wrote_passes_every_check()
    {
        using var world = await SponsoredWorldAsync();

        var problems = await ProblemsAsync(world);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task A_budgets_draws_changed_in_the_file_are_reported_overdrawn_and_unsplit()
    {
        using var world = await SponsoredWorldAsync();

        Assert.Equal(1, SqliteTampering.AlterSponsorshipDraws(((SqliteBackend)api.Backend).FilePath, world.CommunityId, "budget"));

        var problems = await ProblemsAsync(world);
        Assert.Contains(("sponsorship-overdrawn", $"sponsorship-{world.CommunityId}/budget"), problems);
        Assert.Contains(("funding-not-split", $"community-{world.CommunityId}"), problems);
        Assert.Contains(problems, p => p.Kind == "changed");
    }

    [Fact]
    public async Task A_donations_units_changed_in_the_file_are_reported_as_not_received()
    {
        using var world = await SponsoredWorldAsync();

        Assert.Equal(1, SqliteTampering.AlterDonatedStock(((SqliteBackend)api.Backend).FilePath, world.CommunityId, "oil"));

        var problems = await ProblemsAsync(world);
        Assert.Contains(("donation-not-received", $"sponsorship-{world.CommunityId}/oil-gift"), problems);
        Assert.Contains(problems, p => p.Kind == "changed");
    }
}
