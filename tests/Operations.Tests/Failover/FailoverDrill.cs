using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Operations.Tests.Support;

namespace Ledger.Operations.Tests.Failover;

/// <summary>What one run of the drill measured and found.</summary>
public sealed record DrillResult(
    IReadOnlyList<DrillAnswer> Answers, double KillMs, double? PromotionMs, double? FirstSuccessAfterKillMs,
    int Awards, int Redemptions, IReadOnlyList<string> Problems)
{
    public double? KillToSuccessSeconds => FirstSuccessAfterKillMs is { } s ? (s - KillMs) / 1000 : null;

    public double? PromotionToSuccessSeconds => FirstSuccessAfterKillMs is { } s && PromotionMs is { } p ? (s - p) / 1000 : null;
}

/// <summary>
/// One run: the API on a Patroni pair, clerks redeeming and a committee awarding, the primary's node killed with
/// SIGKILL after a few seconds, the load going on until some seconds after the API answers again; then the ledger is
/// checked against every acknowledged answer.
/// </summary>
public static class FailoverDrill
{
    private const string AdminKey = "lgr_failover-drill-admin-key-long-enough-00";
    private const int Households = 4;
    private const int Clients = 8;
    private const long Opening = 100_000;

    public static async Task<DrillResult> RunAsync(string folder, int run)
    {
        await using var cluster = await PatroniCluster.StartAsync(TimeSpan.FromSeconds(120));
        await using var api = ApiProcess.Start(folder, new Dictionary<string, string>
        {
            ["Ledger:Store"] = "postgres", ["ConnectionStrings:Ledger"] = cluster.ConnectionString, ["Ledger:AdminKey"] = AdminKey,
        });
        try
        {
            return await RunAsync(folder, run, cluster, api);
        }
        finally
        {
            await File.WriteAllLinesAsync(Path.Combine(folder, $"api-run{run}.log"), api.Output.Concat(api.Error));
        }
    }

    private static async Task<DrillResult> RunAsync(string folder, int run, PatroniCluster cluster, ApiProcess api)
    {
        await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var (committee, clerk, auditor) = await SetUpAsync(api.Address);
        var clock = Stopwatch.StartNew();
        var log = new ConcurrentQueue<DrillAnswer>();
        using var stop = new CancellationTokenSource();
        var awards = 0;
        var redemptions = 0;
        var unfinished = 0;
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var client = new DrillClient(c % 2 == 0 ? committee : clerk, clock, log);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var passbook = $"hh-{c % Households}";
                var answer = c % 2 == 0
                    ? await client.SendUntilAnsweredAsync("award", "/api/communities/drill/awards",
                        $$"""{"passbook":"{{passbook}}","ruleId":"task"}""", $"r{run}-c{c}-{i}", TimeSpan.FromSeconds(90))
                    : await client.SendUntilAnsweredAsync("redeem", "/api/communities/drill/redemptions",
                        $$"""{"passbook":"{{passbook}}","lines":[{"sku":"oil","quantity":1}]}""", $"r{run}-c{c}-{i}", TimeSpan.FromSeconds(90));
                if (answer.Status is 200 or 201)
                {
                    Interlocked.Increment(ref c % 2 == 0 ? ref awards : ref redemptions);
                }
                else
                {
                    Interlocked.Increment(ref unfinished);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var leader = await cluster.FindLeaderAsync() ?? throw new InvalidOperationException("No leader before the kill.");
        var survivor = cluster.Nodes.Single(n => n != leader);
        var killMs = clock.Elapsed.TotalMilliseconds;
        leader.Kill();
        double? promotionMs = null;
        double? firstSuccess = null;
        for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            if (promotionMs is null && await survivor.AnswersAsync("/primary"))
            {
                promotionMs = clock.Elapsed.TotalMilliseconds;
            }

            firstSuccess ??= log.Where(a => a.SentMs > killMs && a.Status is 200 or 201).Select(a => (double?)a.AnsweredMs).Min();
            if (firstSuccess is { } s && clock.Elapsed.TotalMilliseconds > s + 3000 && promotionMs is not null)
            {
                break;
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);
        var answers = log.OrderBy(a => a.SentMs).ToList();
        var problems = await CheckAsync(api.Address, auditor, answers, awards, redemptions, unfinished);
        await File.WriteAllLinesAsync(Path.Combine(folder, $"answers-run{run}.ndjson"), answers.Select(a => JsonSerializer.Serialize(a)));
        return new DrillResult(answers, killMs, promotionMs, firstSuccess, awards, redemptions, problems);
    }

    private static async Task<List<string>> CheckAsync(
        Uri address, HttpClient auditor, IReadOnlyList<DrillAnswer> answers, int awards, int redemptions, int unfinished)
    {
        var problems = new List<string>();
        if (unfinished > 0)
        {
            problems.Add($"{unfinished} operations never succeeded");
        }

        foreach (var bad in answers.Where(a => a.Status is not (200 or 201) && !(a.Status == 503 && a.Problem == "/problems/store-unavailable" && a.RetryAfter)).Take(5))
        {
            problems.Add($"answer {bad.Status} {bad.Problem} for {bad.Key} at {bad.SentMs:0} ms: {bad.Body[..Math.Min(200, bad.Body.Length)]}");
        }

        // Every acknowledged operation applied exactly once: balances and stock follow from the acknowledged answers.
        var perHousehold = answers.Where(a => a.Status is 200 or 201).DistinctBy(a => a.Key)
            .GroupBy(a => a.Body.Contains("redemptionId", StringComparison.Ordinal) ? "redeem" : "award").ToDictionary(g => g.Key, g => g.Count());
        if (perHousehold.GetValueOrDefault("award") != awards || perHousehold.GetValueOrDefault("redeem") != redemptions)
        {
            problems.Add($"acknowledged keys {string.Join(',', perHousehold)} differ from operations awards={awards} redemptions={redemptions}");
        }

        long balances = 0;
        for (var h = 0; h < Households; h++)
        {
            balances += (await auditor.GetFromJsonAsync<JsonElement>($"/api/households/hh-{h}")).GetProperty("balance").GetInt64();
        }

        var expected = Households * Opening + 10L * awards - 5L * redemptions;
        if (balances != expected)
        {
            problems.Add($"balances sum to {balances}, the acknowledged answers say {expected}");
        }

        var stock = (await auditor.GetFromJsonAsync<JsonElement>("/api/communities/drill/catalog/oil")).GetProperty("stock").GetInt64();
        if (stock != Opening - redemptions)
        {
            problems.Add($"stock is {stock}, the acknowledged answers say {Opening - redemptions}");
        }

        var verify = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        if (!verify.GetProperty("ok").GetBoolean())
        {
            problems.Add($"verify found problems: {verify.GetProperty("problems")}");
        }

        return problems;
    }

    private static async Task<(HttpClient Committee, HttpClient Clerk, HttpClient Auditor)> SetUpAsync(Uri address)
    {
        using var admin = Client(address, AdminKey);
        await PostAsync(admin, "/api/communities", new { id = "drill", name = "演练社区", district = "龙湖区", street = "外砂街道" });
        var committee = Client(address, await IssueAsync(admin, "committee"));
        var clerk = Client(address, await IssueAsync(admin, "clerk"));
        var auditor = Client(address, await IssueAsync(admin, "auditor"));
        await PostAsync(committee, "/api/communities/drill/rules", new { id = "task", name = "人居环境整治", category = "志愿服务", points = 10 });
        await PostAsync(committee, "/api/communities/drill/rules", new { id = "opening", name = "开户积分", category = "开户", points = Opening });
        await PostAsync(committee, "/api/communities/drill/catalog", new { sku = "oil", name = "花生油", kind = "goods", points = 5, stock = Opening });
        for (var h = 0; h < Households; h++)
        {
            await PostAsync(committee, "/api/communities/drill/households", new { passbook = $"hh-{h}", headName = "张伟", members = new[] { "李娜" } });
            await PostAsync(committee, "/api/communities/drill/awards", new { passbook = $"hh-{h}", ruleId = "opening" });
        }

        return (committee, clerk, auditor);
    }

    private static async Task<string> IssueAsync(HttpClient admin, string role)
    {
        using var response = await PostAsync(admin, "/api/keys", new { role, communityId = role == "auditor" ? null : "drill", label = "drill " + role });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        return response.IsSuccessStatusCode
            ? response
            : throw new InvalidOperationException($"Set-up {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
