namespace Ledger.Operations.Tests.Servers;

/// <summary>
/// Races that one server referees with its in-process turns, run across two servers, where only the database can
/// referee: the outcome must be exactly what one server gives.
/// </summary>
[Collection(TwoServersCollection.Name)]
public sealed class TwoServersContentionTests(TwoServers servers)
{
    private const int ClerksPerServer = 12;

    [Fact]
    public async Task One_households_balance_raced_by_clerks_on_both_servers_never_goes_below_zero_and_sums_right()
    {
        // 100 points, 10 a unit: exactly ten of the 24 sales can be paid, whichever server takes them.
        var keys = await servers.CommunityAsync("race-balance", ("tea", 10, 1_000));
        await servers.HouseholdAsync(keys, $"{keys.Id}-1", 100);

        var answers = await RaceAsync(keys.Clerk, c => ($"/api/communities/{keys.Id}/redemptions",
            new { passbook = $"{keys.Id}-1", lines = new[] { new { sku = "tea", quantity = 1 } } }, $"race-balance/{c}"));

        Assert.Equal(10, answers.Count(a => a.Status == 201));
        Assert.All(answers.Where(a => a.Status != 201), a => Assert.Equal("/problems/insufficient-points", a.Problem));
        using var clerk = new ServerClient(servers.B.Address, keys.Clerk);
        Assert.Equal(0, (await clerk.ReadAsync($"/api/households/{keys.Id}-1")).GetProperty("balance").GetInt64());
        Assert.Equal(990, (await clerk.ReadAsync($"/api/communities/{keys.Id}/catalog/tea")).GetProperty("stock").GetInt64());
        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90], answers.Where(a => a.Status == 201).Select(a => a.Body.GetProperty("balance").GetInt64()).Order());
    }

    [Fact]
    public async Task The_last_unit_raced_on_both_servers_is_sold_exactly_once()
    {
        var keys = await servers.CommunityAsync("race-last-unit", ("rice", 10, 1));
        for (var c = 0; c < 2 * ClerksPerServer; c++)
        {
            await servers.HouseholdAsync(keys, $"{keys.Id}-{c}", 100);
        }

        var answers = await RaceAsync(keys.Clerk, c => ($"/api/communities/{keys.Id}/redemptions",
            new { passbook = $"{keys.Id}-{c}", lines = new[] { new { sku = "rice", quantity = 1 } } }, $"race-last-unit/{c}"));

        Assert.Single(answers, a => a.Status == 201);
        Assert.All(answers.Where(a => a.Status != 201), a => Assert.Equal("/problems/out-of-stock", a.Problem));
        using var clerk = new ServerClient(servers.A.Address, keys.Clerk);
        Assert.Equal(0, (await clerk.ReadAsync($"/api/communities/{keys.Id}/catalog/rice")).GetProperty("stock").GetInt64());
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_to_both_servers_at_once_has_one_effect()
    {
        var keys = await servers.CommunityAsync("race-key", ("soap", 10, 1_000));
        await servers.HouseholdAsync(keys, $"{keys.Id}-1", 1_000);

        var answers = await RaceAsync(keys.Clerk, _ => ($"/api/communities/{keys.Id}/redemptions",
            new { passbook = $"{keys.Id}-1", lines = new[] { new { sku = "soap", quantity = 1 } } }, "race-key/the-one-sale"));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Body.GetProperty("redemptionId").GetString()).Distinct());
        using var clerk = new ServerClient(servers.A.Address, keys.Clerk);
        Assert.Equal(990, (await clerk.ReadAsync($"/api/households/{keys.Id}-1")).GetProperty("balance").GetInt64());
        Assert.Equal(999, (await clerk.ReadAsync($"/api/communities/{keys.Id}/catalog/soap")).GetProperty("stock").GetInt64());
    }

    [Fact]
    public async Task A_sponsors_budget_raced_by_participations_on_both_servers_pays_exactly_what_it_holds()
    {
        // A budget of 95 points at 10 a participant: exactly nine of the 24 participations can be drawn from it,
        // whichever server takes them, and the budget never goes below zero.
        var keys = await servers.CommunityAsync("race-budget");
        for (var c = 0; c < 2 * ClerksPerServer; c++)
        {
            await servers.HouseholdAsync(keys, $"{keys.Id}-{c}", 0);
        }

        using var committee = new ServerClient(servers.A.Address, keys.Committee);
        await committee.SetUpAsync($"/api/communities/{keys.Id}/partners", new { id = "aixin", name = "爱心超市", kind = "enterprise" });
        await committee.SetUpAsync($"/api/communities/{keys.Id}/sponsorships", new { id = "budget", partnerId = "aixin", kind = "points", points = 95 });
        await committee.SetUpAsync($"/api/communities/{keys.Id}/activities", new
        {
            id = "haircut", title = "爱心义剪", organizer = new { kind = "enterprise", name = "爱心超市" },
            date = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), points = 10,
            sponsorshipId = "budget",
        });

        var answers = await RaceAsync(keys.Committee, c => ($"/api/communities/{keys.Id}/activities/haircut/participants",
            new { participants = new[] { new { passbook = $"{keys.Id}-{c}" } } }, $"race-budget/{c}"));

        Assert.Equal(9, answers.Count(a => a.Status == 201));
        Assert.All(answers.Where(a => a.Status != 201), a => Assert.Equal("/problems/budget-exhausted", a.Problem));
        using var onB = new ServerClient(servers.B.Address, keys.Committee);
        var budget = await onB.ReadAsync($"/api/communities/{keys.Id}/sponsorships/budget");
        Assert.Equal(90, budget.GetProperty("used").GetInt64());
        Assert.Equal(5, budget.GetProperty("remaining").GetInt64());
    }

    /// <summary>
    /// Clerks on both servers, alternately, each sending its request at the same moment (a barrier releases them all);
    /// every answer, in clerk order.
    /// </summary>
    private async Task<IReadOnlyList<ServerAnswer>> RaceAsync(string key, Func<int, (string Path, object Body, string IdempotencyKey)> request)
    {
        var clerks = Enumerable.Range(0, 2 * ClerksPerServer).Select(c => new ServerClient(servers.Both[c % 2].Address, key)).ToList();
        try
        {
            // Warm each connection first, so the race is between requests and not between connection set-ups.
            await Task.WhenAll(clerks.Select(c => c.ReadAsync("/api/me")));
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = clerks.Select((clerk, c) => Task.Run(async () =>
            {
                var (path, body, idempotencyKey) = request(c);
                await start.Task;
                return await clerk.PostAsync(path, body, idempotencyKey);
            })).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(racing);
            Assert.All(answers, a => Assert.True(a.Status < 500, $"a server failed: {a}"));
            return answers;
        }
        finally
        {
            clerks.ForEach(c => c.Dispose());
        }
    }
}
