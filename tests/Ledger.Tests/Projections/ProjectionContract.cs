using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Testing;
using Ledger.Tests.EventStore;
using Xunit.Abstractions;

namespace Ledger.Tests.Projections;

/// <summary>
/// What the projection machinery must do on every backend. A backend enrols with a one-line subclass naming its
/// <see cref="IEventStoreFactory"/>; each test makes its own store, so tests never see each other's tables.
/// </summary>
public abstract partial class ProjectionContract<TFactory>(TFactory factory, ITestOutputHelper output) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    /// <summary>Bound on anything a test awaits, so a broken runner fails the test instead of hanging the run.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected const string Earned = "PointsEarnedTested.v1";
    protected const string Spent = "PointsSpentTested.v1";

    protected ITestOutputHelper Output => output;

    /// <summary>A store with <paramref name="inline"/> registered, and a daemon running <paramref name="asynchronous"/> on it.</summary>
    protected async Task<(ILedgerStore Store, ProjectionDaemon Daemon)> NewLedgerAsync(
        IProjection[]? inline = null, IProjection[]? asynchronous = null, ProjectionDaemonOptions? options = null, ListLogger? logger = null)
    {
        var storeOptions = new EventStoreOptions { Clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55)), InlineProjections = inline ?? [] };
        var store = await factory.CreateStoreAsync(storeOptions);
        return (store, new ProjectionDaemon(store, storeOptions, asynchronous ?? [], options, logger));
    }

    protected static NewEvent Event(string type, long amount) =>
        new(Guid.CreateVersion7(), type, $$"""{"amount":{{amount}}}""", new EventMetadata("key:projections"));

    /// <summary>
    /// Appends <paramref name="count"/> events over <paramref name="streams"/> streams, in multi-stream appends of up
    /// to <paramref name="perAppend"/> events: the fast way to a long history. Amounts vary so sums are not trivial.
    /// </summary>
    protected static async Task<AppendResult> SeedAsync(ILedgerStore store, int count, int streams = 50, int perAppend = 1000, string prefix = "s")
    {
        AppendResult? last = null;
        for (var done = 0; done < count;)
        {
            var size = Math.Min(perAppend, count - done);
            var appends = Enumerable.Range(done, size)
                .GroupBy(i => i % streams)
                .Select(g => new StreamAppend($"{prefix}-{g.Key}", ExpectedVersion.Any, [.. g.Select(i => Event(i % 3 == 0 ? Spent : Earned, i % 97))]))
                .ToList();
            last = await store.AppendAsync(appends);
            done += size;
        }

        return last!;
    }

    /// <summary>Every row of a table in key order, as text: what "unchanged" is checked against.</summary>
    protected static async Task<List<string>> DumpAsync(ILedgerStore store, string table)
    {
        await using var tx = await store.BeginReadModelTransactionAsync();
        await using var command = tx.CreateCommand($"SELECT * FROM {table} ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    protected static async Task<long> ScalarAsync(ILedgerStore store, string sql)
    {
        await using var tx = await store.BeginReadModelTransactionAsync();
        await using var command = tx.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    protected static async Task ExecuteAsync(ILedgerStore store, string sql)
    {
        await using var tx = await store.BeginReadModelTransactionAsync();
        await tx.ExecuteAsync(sql, CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>What the sample projection must hold after <paramref name="events"/>: per stream "id|count|last", per type "type|count|sum".</summary>
    protected static (List<string> Streams, List<string> Types) Expected(IEnumerable<RecordedEvent> events)
    {
        var list = events.Where(e => e.Type != CountingProjection.Ignored).ToList();
        var streams = list.GroupBy(e => e.StreamId).Select(g => $"{g.Key}|{g.Count()}|{g.Max(e => e.Position)}");
        var types = list.GroupBy(e => e.Type)
            .Select(g => $"{g.Key}|{g.Count()}|{g.Sum(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("amount").GetInt64())}|NULL");
        return (Sorted(streams), Sorted(types));
    }

    protected static async Task<List<RecordedEvent>> ReadAllAsync(ILedgerStore store)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Asserts the sample projection's tables hold exactly what <paramref name="events"/> imply.</summary>
    protected static async Task AssertHoldsAsync(ILedgerStore store, CountingProjection projection, IEnumerable<RecordedEvent> events)
    {
        var (streams, types) = Expected(events);
        Assert.Equal(streams, Sorted(await DumpAsync(store, projection.StreamsTable)));
        Assert.Equal(types, Sorted(await DumpAsync(store, projection.TypesTable)));
    }

    /// <summary>Ordinal order, whatever the database's collation: the expectation is built the same way.</summary>
    protected static List<string> Sorted(IEnumerable<string> rows) => [.. rows.OrderBy(r => r, StringComparer.Ordinal)];
}
