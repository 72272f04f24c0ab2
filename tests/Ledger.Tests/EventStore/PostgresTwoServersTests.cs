using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Xunit.Abstractions;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>
/// Two servers on one PostgreSQL ledger: two stores, each with its own pool and its own group-commit queue. Under a
/// mixed load of appends that each span two of a few hot streams, their batches must never deadlock (each batch holds
/// the rows of every append it has written until its COMMIT), and every append lands exactly once.
/// </summary>
public sealed class PostgresTwoServersTests(PostgresEventStoreFactory factory, ITestOutputHelper output) : IClassFixture<PostgresEventStoreFactory>
{
    private const int Streams = 6;
    private const int WorkersPerServer = 12;
    private const int AppendsPerWorker = 30;

    [Fact]
    public async Task Two_group_commit_queues_on_one_database_never_deadlock_and_every_append_lands_once()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var first = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));
        await using var second = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

        var (failures, p99) = await RunAsync([first, second], WorkersPerServer);

        Assert.True(failures.IsEmpty, $"{failures.Count} appends failed, first: {failures.FirstOrDefault()}");
        const long appends = 2L * WorkersPerServer * AppendsPerWorker;
        Assert.Equal(2 * appends, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger.events"));
        Assert.Equal(appends, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger.idempotency_keys"));
        Assert.Equal(2 * appends, await ScalarAsync(connectionString, "SELECT sum(version)::bigint FROM ledger.streams"));
        output.WriteLine($"two servers, {2 * WorkersPerServer} writers: p99 {p99.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task One_server_with_the_same_total_load_for_comparison()
    {
        // Not a check: the yardstick the two-server figure is read against (p99 at the same total load).
        var connectionString = await factory.CreateDatabaseAsync();
        await using var only = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

        var (failures, p99) = await RunAsync([only], 2 * WorkersPerServer);

        Assert.True(failures.IsEmpty, $"{failures.Count} appends failed, first: {failures.FirstOrDefault()}");
        output.WriteLine($"one server, {2 * WorkersPerServer} writers: p99 {p99.TotalMilliseconds:0.0} ms");
    }

    private static async Task<(System.Collections.Concurrent.ConcurrentQueue<Exception> Failures, TimeSpan P99)> RunAsync(
        IReadOnlyList<PostgresEventStore> servers, int workersPerServer)
    {
        foreach (var store in servers)
        {
            await store.InitializeAsync();
        }

        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        var load = servers.SelectMany((store, server) => Enumerable.Range(0, workersPerServer).Select(worker => Task.Run(async () =>
        {
            var random = new Random(server * 1000 + worker);
            for (var i = 0; i < AppendsPerWorker; i++)
            {
                // Two different hot streams in either order, as a redemption spans a household and an item.
                var a = random.Next(Streams);
                var b = (a + 1 + random.Next(Streams - 1)) % Streams;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await store.AppendAsync(
                        [new StreamAppend($"hot-{a}", ExpectedVersion.Any, [Event()]), new StreamAppend($"hot-{b}", ExpectedVersion.Any, [Event()])],
                        Key($"server{server}/worker{worker}/{i}"));
                    latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
            }
        }))).ToList();
        await Task.WhenAll(load);
        var sorted = latencies.Order().ToList();
        return (failures, sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1]);
    }
}
