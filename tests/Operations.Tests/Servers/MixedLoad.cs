using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ledger.Operations.Tests.Servers;

/// <summary>
/// A district day on two servers: committee members and clerks on both, each sending, one after another, a random mix
/// of awards, activities with their participants, redemptions of one or two goods, cancellations of acknowledged
/// redemptions, and reads, every write with an Idempotency-Key of its own. What the acknowledged answers say the
/// ledger must now hold is kept beside every answer.
/// </summary>
public sealed class MixedLoad(TwoServers servers, CommunityKeys keys)
{
    public const int Households = 12;
    public const long Opening = 1_000_000;
    public const long AwardPoints = 10;
    public const long ActivityPoints = 7;
    public static readonly (string Sku, long Points)[] Items = [("rice", 10), ("oil", 25), ("soap", 5), ("tea", 15)];
    public const long Stock = 1_000_000;

    private readonly ConcurrentQueue<string> _redeemed = new();
    private readonly ConcurrentDictionary<string, long> _balances = new();
    private readonly ConcurrentDictionary<string, long> _stock = new();
    /// <summary>The community the load runs in.</summary>
    public CommunityKeys Keys => keys;

    private long _activities, _participations, _awards, _redemptions, _pointsRedeemed, _pointsRefunded;

    /// <summary>Every answer: what was asked, of which server, and the answer.</summary>
    public ConcurrentQueue<(string Operation, string Server, ServerAnswer Answer)> Answers { get; } = new();

    public string Passbook(int household) => $"{keys.Id}-{household:D2}";

    /// <summary>Each household's balance that the acknowledged answers imply.</summary>
    public IReadOnlyDictionary<string, long> Balances => _balances;

    /// <summary>Each item's stock that the acknowledged answers imply.</summary>
    public IReadOnlyDictionary<string, long> Stocks => _stock;

    public (long Activities, long Participations, long Awards, long Redemptions, long Redeemed, long Refunded) Counts =>
        (_activities, _participations, _awards, _redemptions, _pointsRedeemed, _pointsRefunded);

    /// <summary>Runs <paramref name="workersPerServer"/> committee members and as many clerks per server for <paramref name="duration"/>.</summary>
    public async Task RunAsync(int workersPerServer, TimeSpan duration)
    {
        for (var h = 0; h < Households; h++)
        {
            await servers.HouseholdAsync(keys, Passbook(h), Opening);
            _balances[Passbook(h)] = Opening;
        }

        foreach (var (sku, _) in Items)
        {
            _stock[sku] = Stock;
        }

        using var committee = new ServerClient(servers.A.Address, keys.Committee);
        await committee.SetUpAsync($"/api/communities/{keys.Id}/rules", new { id = "task", name = "人居环境整治", category = "志愿服务", points = AwardPoints });
        var clock = Stopwatch.StartNew();
        var workers = servers.Both.SelectMany((server, s) => Enumerable.Range(0, 2 * workersPerServer).Select(w => Task.Run(async () =>
        {
            var worker = new Worker(this, s == 0 ? "a" : "b", $"{s}-{w}", w % 2 == 0 ? keys.Committee : keys.Clerk, server.Address);
            using var client = worker.Client;
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                await worker.StepAsync(i);
            }
        }))).ToList();
        await Task.WhenAll(workers);
    }

    /// <summary>One committee member or clerk at one server.</summary>
    private sealed class Worker(MixedLoad load, string server, string name, string key, Uri address)
    {
        private readonly Random _random = new(name.GetHashCode(StringComparison.Ordinal));
        private readonly bool _committee = key == load.Keys.Committee;

        public ServerClient Client { get; } = new(address, key);

        private string Community => $"/api/communities/{load.Keys.Id}";

        public async Task StepAsync(int i)
        {
            var id = $"{load.Keys.Id}/{name}/{i}";
            var roll = _random.Next(100);
            var task = (_committee, roll) switch
            {
                (_, >= 70) => ReadAsync(),
                (true, < 45) => AwardAsync(id),
                (true, _) => ActivityAsync(id, i),
                (false, < 50) => RedeemAsync(id),
                (false, _) => CancelAsync(id),
            };
            await task;
        }

        private async Task AwardAsync(string id)
        {
            var passbook = load.Passbook(_random.Next(Households));
            if ((await SendAsync("award", $"{Community}/awards", new { passbook, ruleId = "task" }, id)).Succeeded)
            {
                Interlocked.Increment(ref load._awards);
                load._balances.AddOrUpdate(passbook, 0, (_, b) => b + AwardPoints);
            }
        }

        private async Task ActivityAsync(string id, int i)
        {
            var activity = $"act-{name}-{i}";
            var date = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var organizer = new { kind = "social-organization", name = "龙湖义工联" };
            if (!(await SendAsync("activity", $"{Community}/activities", new { id = activity, title = "河道清洁", organizer, date, points = ActivityPoints }, id)).Succeeded)
            {
                return;
            }

            Interlocked.Increment(ref load._activities);
            // Several households in a random order: one append across their streams, as the deadlock needed.
            var participants = Enumerable.Range(0, Households).OrderBy(_ => _random.Next()).Take(_random.Next(2, 6)).Select(h => new { passbook = load.Passbook(h) }).ToArray();
            var answer = await SendAsync("participants", $"{Community}/activities/{activity}/participants", new { participants }, id + "/participants");
            if (answer.Succeeded)
            {
                foreach (var awarded in answer.Body.GetProperty("awarded").EnumerateArray())
                {
                    Interlocked.Increment(ref load._participations);
                    load._balances.AddOrUpdate(awarded.GetProperty("passbook").GetString()!, 0, (_, b) => b + ActivityPoints);
                }
            }
        }

        private async Task RedeemAsync(string id)
        {
            var passbook = load.Passbook(_random.Next(Households));
            var lines = Items.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).Select(item => new { sku = item.Sku, quantity = _random.Next(1, 3) }).ToArray();
            var answer = await SendAsync("redeem", $"{Community}/redemptions", new { passbook, lines }, id);
            if (answer.Succeeded)
            {
                var points = answer.Body.GetProperty("points").GetInt64();
                Interlocked.Increment(ref load._redemptions);
                Interlocked.Add(ref load._pointsRedeemed, points);
                load._balances.AddOrUpdate(passbook, 0, (_, b) => b - points);
                Array.ForEach(lines, l => load._stock.AddOrUpdate(l.sku, 0, (_, s) => s - l.quantity));
                load._redeemed.Enqueue(answer.Body.GetProperty("redemptionId").GetString()!);
            }
        }

        private async Task CancelAsync(string id)
        {
            if (!load._redeemed.TryDequeue(out var redemption))
            {
                await RedeemAsync(id);
                return;
            }

            var answer = await SendAsync("cancel", $"/api/redemptions/{redemption}/cancel", new { reason = "居民退货" }, id);
            if (answer.Succeeded)
            {
                var points = answer.Body.GetProperty("points").GetInt64();
                Interlocked.Add(ref load._pointsRefunded, points);
                load._balances.AddOrUpdate(answer.Body.GetProperty("passbook").GetString()!, 0, (_, b) => b + points);
                foreach (var line in answer.Body.GetProperty("returned").EnumerateArray())
                {
                    load._stock.AddOrUpdate(line.GetProperty("sku").GetString()!, 0, (_, s) => s + line.GetProperty("quantity").GetInt64());
                }
            }
        }

        private async Task ReadAsync()
        {
            var path = _random.Next(4) switch
            {
                0 => $"/api/households/{load.Passbook(_random.Next(Households))}",
                1 => $"{Community}/catalog/{Items[_random.Next(Items.Length)].Sku}",
                2 => $"{Community}/leaderboard?period=all",
                _ => _committee ? $"{Community}/stats?period=all" : $"/api/households/{load.Passbook(_random.Next(Households))}/statement",
            };
            load.Answers.Enqueue(("GET " + path, server, await Client.GetAsync(path)));
        }

        private async Task<ServerAnswer> SendAsync(string operation, string path, object body, string idempotencyKey)
        {
            var answer = await Client.PostAsync(path, body, idempotencyKey);
            load.Answers.Enqueue((operation, server, answer));
            return answer;
        }
    }
}
