using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ledger.Operations.Tests.Servers;

/// <summary>
/// Two servers under a mixed load (issue 26, item 2): no answer is a 500, neither server meets a deadlock, every
/// acknowledged write is in the ledger, <c>verify</c> passes (it replays every projection and compares it with the live
/// tables), and the asynchronous statistics, which both servers' projection daemons could write, count every
/// acknowledged write exactly once. Two group-commit queues on one database deadlocked here without the bounded lock
/// waits of <c>PostgresCommitQueue</c>. <c>LEDGER_TWO_SERVERS_SECONDS</c> lengthens the load (default 20 s).
/// </summary>
[Collection(TwoServersCollection.Name)]
public sealed class TwoServersMixedLoadTests(TwoServers servers, ITestOutputHelper output)
{
    private const int WorkersPerServer = 4;

    [Fact]
    public async Task A_mixed_load_on_both_servers_answers_no_500_meets_no_deadlock_and_loses_no_acknowledged_write()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_TWO_SERVERS_SECONDS"), out var s) && s > 0 ? s : 20;
        var keys = await servers.CommunityAsync("mixed", [.. MixedLoad.Items.Select(i => (i.Sku, i.Points, MixedLoad.Stock))]);
        var load = new MixedLoad(servers, keys);

        await load.RunAsync(WorkersPerServer, TimeSpan.FromSeconds(seconds));

        var answers = load.Answers.ToList();
        var counts = load.Counts;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answers.Count} answers in {seconds} s ({answers.Count(a => a.Server == "a")} from a, {answers.Count(a => a.Server == "b")} from b): " +
            $"{counts.Awards} awards, {counts.Activities} activities with {counts.Participations} participations, {counts.Redemptions} redemptions, " +
            $"{load.Answers.Count(a => a.Operation == "cancel" && a.Answer.Succeeded)} cancellations"));
        var failed = answers.Where(a => !a.Answer.Succeeded).Select(a => $"{a.Operation} on {a.Server}: {a.Answer}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} answers were not successes:\n{string.Join('\n', failed.Take(10))}");
        var deadlocks = servers.Log.Where(l => l.Contains("40P01", StringComparison.Ordinal) || l.Contains("deadlock", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(deadlocks.Count == 0, $"the servers logged deadlocks:\n{string.Join('\n', deadlocks.Take(5))}");
        Assert.True(counts.Redemptions > 0 && counts.Participations > 0 && counts.Awards > 0, "the load wrote too little to judge");

        await WaitForProjectionsAsync();
        using var auditor = new ServerClient(servers.B.Address, keys.Auditor);
        foreach (var (passbook, balance) in load.Balances)
        {
            Assert.Equal(balance, (await auditor.ReadAsync($"/api/households/{passbook}")).GetProperty("balance").GetInt64());
        }

        foreach (var (sku, stock) in load.Stocks)
        {
            Assert.Equal(stock, (await auditor.ReadAsync($"/api/communities/{keys.Id}/catalog/{sku}")).GetProperty("stock").GetInt64());
        }

        // Written once: each counter of the async statistics equals what the acknowledged answers add up to.
        var stats = await auditor.ReadAsync($"/api/communities/{keys.Id}/stats?period=all");
        Assert.Equal(counts.Activities, stats.GetProperty("activities").GetInt64());
        Assert.Equal(counts.Participations, stats.GetProperty("participations").GetInt64());
        Assert.Equal(
            MixedLoad.Households * MixedLoad.Opening + counts.Awards * MixedLoad.AwardPoints + counts.Participations * MixedLoad.ActivityPoints,
            stats.GetProperty("pointsIssued").GetInt64());
        Assert.Equal(counts.Redemptions, stats.GetProperty("redemptions").GetInt64());
        Assert.Equal(counts.Redeemed, stats.GetProperty("pointsRedeemed").GetInt64());
        Assert.Equal(counts.Refunded, stats.GetProperty("pointsRefunded").GetInt64());
        Assert.Equal(load.Balances.Values.Sum(), stats.GetProperty("pointsOutstanding").GetInt64());

        // Equal to a rebuild from zero: verify replays every projection beside its live tables (ProjectionComparer).
        var verify = await auditor.ReadAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("ok").GetBoolean(), $"verify found problems: {verify.GetProperty("problems")}");
    }

    /// <summary>Waits until both servers report every async projection at the ledger's head.</summary>
    private async Task WaitForProjectionsAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var lags = "";
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200))
        {
            var caughtUp = true;
            foreach (var server in servers.Both)
            {
                using var response = await probe.GetAsync(new Uri(server.Address, "/health/ready"));
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                lags = body.TryGetProperty("projectionLag", out var lag) ? lag.ToString() : body.ToString();
                caughtUp &= response.IsSuccessStatusCode && lag.EnumerateObject().All(p => p.Value.GetInt64() == 0);
            }

            if (caughtUp)
            {
                return;
            }
        }

        throw new TimeoutException($"The async projections did not reach the ledger's head within 60 s: {lags}");
    }
}
