using System.Net;
using System.Net.Sockets;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>
/// Every way PostgreSQL says "not now" during a failover is a 503 <c>store-unavailable</c> with <c>Retry-After</c>, never
/// a 500: the client retries with the same idempotency key and the request applies once.
/// </summary>
public sealed class StoreUnavailableTests : IAsyncLifetime
{
    private FaultyEventStore? _store;
    private readonly SqliteApi _api;

    public StoreUnavailableTests() => _api = new SqliteApi { DecorateStore = inner => _store = new FaultyEventStore(inner) };

    private FaultyEventStore Store => _store ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _api.CreateClient().Dispose();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_api).DisposeAsync();

    public static TheoryData<string> Faults => [.. FaultsByName.Keys];

    // What Npgsql raised in the failover drills, as the driver builds them.
    private static readonly Dictionary<string, Func<Exception>> FaultsByName = new()
    {
        ["no suitable host"] = () => new NpgsqlException("No suitable host was found."),
        ["no suitable host, each host refused"] = () => new NpgsqlException("No suitable host was found.", new AggregateException(
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            new NpgsqlException("Failed to connect to 127.0.0.1:5433", new SocketException((int)SocketError.ConnectionRefused)))),
        ["connection refused"] = () => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        ["connection broken"] = () => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        ["admin shutdown 57P01"] = () => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        ["read-only after a demotion 25006"] = () => new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"),
        ["starting up 57P03"] = () => new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"),
        ["wrapped by a caller"] = () => new InvalidOperationException("read model failed", new NpgsqlException("No suitable host was found.")),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_write_the_store_cannot_take_is_a_503_with_retry_after(string fault)
    {
        Store.AppendFault = FaultsByName[fault]();
        using var admin = _api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""", idempotencyKey: "k-" + fault);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_read_the_store_cannot_answer_is_a_503_with_retry_after(string fault)
    {
        Store.ReadFault = FaultsByName[fault]();
        Store.ReadFaultPrefix = "apikey-";
        using var client = _api.CreateClient("lgr_some-key-the-cache-has-never-seen");

        using var response = await client.GetAsync("/api/communities/c1");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_same_key_after_the_store_is_back_applies_once()
    {
        using var admin = _api.CreateAdminClient();
        Store.AppendFault = FaultsByName["no suitable host"]();
        using (var refused = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""", idempotencyKey: "once"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        Store.AppendFault = null;
        using var first = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""", idempotencyKey: "once");
        using var again = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""", idempotencyKey: "once");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_503_with_retry_after_while_the_store_is_away()
    {
        Store.HeadFault = FaultsByName["no suitable host"]();
        using var client = _api.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/health");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
