using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// A community's counter queue over HTTP: many households with points, a few hot items on the shelf, and clerks each
/// redeeming one unit of a random hot item for a random household, as residents come to the counter.
/// </summary>
public sealed class CounterQueue : IDisposable
{
    public const string CommunityId = "bench-jinhai";
    public const string AdminKey = "bench-admin-key-0123456789abcdef";
    public const long Price = 10;
    public const long Stock = 1_000_000;
    public static readonly string[] HotItems = ["rice-5kg", "oil-5l", "soap", "tissue"];

    // The load generator shares the two cores with the server, so it does no work per request it can do once.
    private static readonly Uri RedemptionsPath = new($"/api/communities/{CommunityId}/redemptions", UriKind.Relative);
    private static readonly Uri MePath = new("/api/me", UriKind.Relative);
    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly SocketsHttpHandler _handler = new() { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    private readonly Uri _address;
    private readonly int _households;
    private readonly List<HttpClient> _clerks = [];

    private CounterQueue(Uri address, int households) => (_address, _households) = (address, households);

    public static string Passbook(int household) => "BH-" + household.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Registers the community, its keys, <paramref name="households"/> households with points and the hot items.</summary>
    public static async Task<CounterQueue> SeedAsync(
        Uri address, int households, int clerks, int itemHistory, CancellationToken cancellationToken)
    {
        var queue = new CounterQueue(address, households);
        using var admin = queue.Client(AdminKey);
        await PostAsync(admin, "/api/communities", new { id = CommunityId, name = "津海社区", district = "龙湖区", street = "龙腾街道" }, cancellationToken);
        using var committee = queue.Client(await IssueKeyAsync(admin, "committee", "评议小组", cancellationToken));
        for (var c = 1; c <= clerks; c++)
        {
            queue._clerks.Add(queue.Client(await IssueKeyAsync(admin, "clerk", $"超市管理员 {c}号柜台", cancellationToken)));
        }

        var rules = $"/api/communities/{CommunityId}";
        await PostAsync(committee, rules + "/rules", new { id = "bonus", name = "年度表彰", category = "表彰", points = 100_000 }, cancellationToken);
        foreach (var sku in HotItems)
        {
            await PostAsync(committee, rules + "/catalog", new { sku, name = sku, kind = "goods", points = Price, stock = Stock }, cancellationToken);
        }

        await Parallel.ForEachAsync(Enumerable.Range(1, households), Options(cancellationToken), async (h, ct) =>
        {
            await PostAsync(committee, rules + "/households", new { passbook = Passbook(h), headName = "陈伟", members = new[] { "林秀英" } }, ct);
            await PostAsync(committee, rules + "/awards", new { passbook = Passbook(h), ruleId = "bonus" }, ct);
        });
        // A long item history, as a popular item has after months of sales: what a load without a cache pays for.
        // One writer per item, so the receipts do not race each other for the item's version.
        await Task.WhenAll(HotItems.Select(async sku =>
        {
            for (var i = 0; i < itemHistory; i++)
            {
                await PostAsync(committee, $"{rules}/catalog/{sku}/stock", new { quantity = 1, note = "补货" }, cancellationToken);
            }
        }));
        return queue;
    }

    /// <summary>
    /// The first <paramref name="clerks"/> clerks, each redeeming one unit of a random hot item for a random household;
    /// at the seeded server, or clerk by clerk at each of <paramref name="servers"/> in turn (servers sharing its ledger).
    /// </summary>
    public IReadOnlyList<ClosedLoop.Operation> Clerks(int clerks, IReadOnlyList<Uri>? servers = null) => _clerks.Take(clerks).Select((client, c) =>
    {
        var random = new Random(c);
        var path = servers is null ? RedemptionsPath : new Uri(servers[c % servers.Count], RedemptionsPath);
        return (ClosedLoop.Operation)(ct => RedeemAsync(client, path, random.Next(1, _households + 1), HotItems[random.Next(HotItems.Length)], ct));
    }).ToArray();

    /// <summary>
    /// The same clerks asking only who they are (<c>GET /api/me</c>): an authenticated request through the same server,
    /// connections and client with a small JSON answer and no storage at all, the HTTP path's floor beside the sale.
    /// </summary>
    public IReadOnlyList<ClosedLoop.Operation> Callers(int clerks) =>
        _clerks.Take(clerks).Select(client => (ClosedLoop.Operation)(ct => AskWhoAsync(client, ct))).ToArray();

    /// <summary>
    /// A counter page looking up stock while the clerks sell: one <c>GET .../catalog/{sku}</c> every
    /// <paramref name="every"/>, with the first clerk's key; the latencies of those started inside the window.
    /// </summary>
    public async Task<LatencySamples> ReadStockAsync(TimeSpan every, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        var clerk = _clerks[0];
        var latencies = new List<double>();
        long failures = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < warmup + window; i++)
        {
            var started = clock.Elapsed;
            using (var response = await clerk.GetAsync($"/api/communities/{CommunityId}/catalog/{HotItems[i % HotItems.Length]}", cancellationToken))
            {
                var took = clock.Elapsed - started;
                if (started >= warmup && clock.Elapsed <= warmup + window)
                {
                    latencies.Add(took.TotalMilliseconds);
                    failures += response.IsSuccessStatusCode ? 0 : 1;
                }
            }

            var next = started + every;
            if (next > clock.Elapsed)
            {
                await Task.Delay(next - clock.Elapsed, cancellationToken);
            }
        }

        return new LatencySamples([.. latencies.Order()], window, failures);
    }

    private static async Task RedeemAsync(HttpClient clerk, Uri path, int household, string sku, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            // A body of known length, as the counter page's fetch sends it: JsonContent would stream it chunked, which
            // no browser does and which costs the server a chunked body to parse.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
                new { passbook = Passbook(household), lines = new[] { new { sku, quantity = 1 } } }))
            {
                Headers = { ContentType = JsonType },
            },
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await clerk.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task AskWhoAsync(HttpClient clerk, CancellationToken cancellationToken)
    {
        using var response = await clerk.GetAsync(MePath, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /api/me: {(int)response.StatusCode}");
        }
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<string> IssueKeyAsync(HttpClient admin, string role, string label, CancellationToken cancellationToken)
    {
        var issued = await PostAsync(admin, "/api/keys", new { role, communityId = CommunityId, label }, cancellationToken);
        return issued.GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };

    public void Dispose()
    {
        foreach (var clerk in _clerks)
        {
            clerk.Dispose();
        }

        _handler.Dispose();
    }
}
