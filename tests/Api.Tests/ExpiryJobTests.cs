using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// The server's own expiry job, with two API servers on one PostgreSQL and a fake clock moved past a year end: each
/// lot expires exactly once, within a minute of its end, and a server started afterwards (a restart) adds nothing.
/// </summary>
public sealed class ExpiryJobTests
{
    // Midnight at the end of 31 December 2025 in Shanghai.
    private static readonly DateTimeOffset EndOf2025 = new(2025, 12, 31, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_servers_on_one_PostgreSQL_expire_each_lot_once_within_a_minute_of_its_end_and_a_restart_adds_none()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 2, 0, 0, TimeSpan.Zero));
        await using var first = new PostgresApi { Clock = clock };
        await ((IAsyncLifetime)first).InitializeAsync();
        await using var second = new SecondHost(first);
        await ((IAsyncLifetime)second).InitializeAsync();
        using var secondClient = second.CreateClient(LedgerApiFactory.AdminKey); // starts the second server and its job

        using var scenario = await CommunityScenario.CreateAsync(first);
        using (var set = await scenario.Committee.PutAsJsonAsync(
            $"/api/communities/{scenario.CommunityId}/expiry-policy", new { rule = "end-of-year", afterYears = 0 }, LedgerJson.Options))
        {
            await set.AssertStatusAsync(HttpStatusCode.OK);
        }

        var passbooks = new List<string> { scenario.Passbook };
        for (var i = 0; i < 5; i++)
        {
            passbooks.Add(await scenario.OpenHouseholdAsync());
        }

        foreach (var passbook in passbooks)
        {
            await scenario.AwardAsync(passbook, CommunityScenario.Care);
            await scenario.AwardAsync(passbook, CommunityScenario.Care);
        }

        clock.Advance(EndOf2025.AddSeconds(30) - clock.GetUtcNow());
        var expired = await WaitForExpiriesAsync(first, passbooks.Count);
        // Both servers have looked again since: more ticks of their jobs add nothing.
        for (var tick = 0; tick < 3; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(300);
        }

        await using var restarted = new SecondHost(first);
        await ((IAsyncLifetime)restarted).InitializeAsync();
        using var onRestarted = restarted.CreateClient(LedgerApiFactory.AdminKey);
        using var committeeOnRestarted = restarted.CreateClient(await CommitteeKeyAsync(first, scenario.CommunityId));
        using var run = await committeeOnRestarted.PostAsync($"/api/communities/{scenario.CommunityId}/expiry-runs", null);
        var answer = await run.AssertStatusAsync(HttpStatusCode.OK);

        var all = (await first.ReadAllEventsAsync()).Where(e => e.Type == "PointsExpired.v1").ToList();
        Assert.Equal(expired.Count, all.Count);
        Assert.Equal(passbooks.Select(StreamIds.Household).Order(), all.Select(e => e.StreamId).Order());
        Assert.All(all, e => Assert.Equal("system:expiry", e.Metadata.Principal)); // the servers' jobs, not the run
        Assert.All(all, e => Assert.InRange(e.RecordedAt, EndOf2025, EndOf2025.AddMinutes(1)));
        Assert.All(all, e => Assert.Contains("\"points\":10", e.Data, StringComparison.Ordinal));
        Assert.Equal(0, answer.GetProperty("points").GetInt64());
        var household = await scenario.HouseholdAsync();
        Assert.Equal((0L, 10L), (household.GetProperty("balance").GetInt64(), household.GetProperty("expired").GetInt64()));
    }

    private static async Task<List<RecordedEvent>> WaitForExpiriesAsync(LedgerApiFactory api, int households)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var expired = (await api.ReadAllEventsAsync()).Where(e => e.Type == "PointsExpired.v1").ToList();
            if (expired.Count >= households || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return expired;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<string> CommitteeKeyAsync(LedgerApiFactory api, string communityId) =>
        (await api.IssueKeyAsync(Role.Committee, communityId, "评议小组 2")).Key;
}
