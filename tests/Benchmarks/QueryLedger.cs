using Microsoft.Extensions.Time.Testing;
using System.Data.Common;
using System.Globalization;
using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Projections;
using Ledger.EventStore.Sqlite;
using Ledger.Households;
using Ledger.Leaderboards;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// A ledger for the query benchmark: a fixed population (communities of households in two districts) that keeps
/// earning month after month, so a larger ledger is a longer history, as a real one grows. Loaded through the
/// store's own appends with no projection attached (fast), then the leaderboard (inline) and statistics (async)
/// projections are rebuilt from zero by <see cref="ProjectionDaemon"/>.
/// </summary>
public sealed class QueryLedger : IAsyncDisposable
{
    public const int Communities = 20;
    public const int HouseholdsPerCommunity = 100;
    private const int AwardsPerHouseholdMonth = 4;

    private readonly EventTypeRegistry _registry = LedgerModule.CreateEventTypeRegistry();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly Func<ILedgerStore> _open;
    private readonly Func<Task> _drop;
    private readonly Random _random = new(11);
    private int _month;

    private QueryLedger(string backend, Func<EventStoreOptions, ILedgerStore> create, Func<DbConnection> raw, Func<Task> drop, IProjection[] inline)
    {
        Backend = backend;
        Raw = raw;
        _drop = drop;
        Options = new EventStoreOptions { Clock = _clock, InlineProjections = [new LeaderboardProjection(), .. inline] };
        _open = () => create(Options);
        Loader = create(new EventStoreOptions { Clock = _clock });
    }

    public string Backend { get; }

    /// <summary>Opens a raw connection to the same database (the yardstick).</summary>
    public Func<DbConnection> Raw { get; }

    public EventStoreOptions Options { get; }

    /// <summary>The store that loads history, with no projection attached.</summary>
    public ILedgerStore Loader { get; }

    /// <summary>The first month of the history: the query benchmark asks about the last month and year loaded.</summary>
    public static DateOnly Start { get; } = new(2016, 1, 1);

    /// <summary>Months loaded so far.</summary>
    public int Months => _month;

    public long Events { get; private set; }

    /// <summary>A new scratch database; <paramref name="inline"/> are kept inline besides the leaderboard once opened.</summary>
    public static async Task<QueryLedger> CreateAsync(string backend, CancellationToken cancellationToken, params IProjection[] inline)
    {
        QueryLedger ledger;
        if (backend == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"ledger-query-{Guid.NewGuid():N}.db");
            ledger = new QueryLedger(backend, o => new SqliteEventStore(new SqliteEventStoreSettings(path), o),
                () => new SqliteConnection($"Data Source={path};Mode=ReadOnly"),
                () =>
                {
                    SqliteConnection.ClearAllPools();
                    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                    {
                        File.Delete(file);
                    }

                    return Task.CompletedTask;
                }, inline);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given
                ? given : (await PostgresServer.GetAsync()).ConnectionString;
            var name = "ledger_query_" + Guid.NewGuid().ToString("N")[..8];
            var connectionString = await Postgres.PostgresRaw.CreateDatabaseAsync(admin, name, cancellationToken);
            ledger = new QueryLedger(backend, o => new PostgresEventStore(new PostgresEventStoreSettings(connectionString), o),
                () => new NpgsqlConnection(connectionString), () => Postgres.PostgresRaw.DropDatabaseAsync(admin, name), inline);
        }

        await ledger.Loader.InitializeAsync(cancellationToken);
        return ledger;
    }

    /// <summary>Appends whole months of history until the ledger holds at least <paramref name="events"/>.</summary>
    public async Task LoadUntilAsync(long events, CancellationToken cancellationToken)
    {
        if (Events == 0)
        {
            _clock.SetUtcNow(new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            await AppendAsync(Enumerable.Range(0, Communities).SelectMany(Opening), cancellationToken);
        }

        while (Events < events)
        {
            var month = Start.AddMonths(_month);
            _clock.SetUtcNow(new DateTimeOffset(month.AddDays(14).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
            for (var c = 0; c < Communities; c++)
            {
                await AppendAsync(Month(c, month), cancellationToken);
            }

            _month++;
        }
    }

    /// <summary>A store over the loaded database with the leaderboard inline, and a daemon whose async projection is statistics.</summary>
    public async Task<(ILedgerStore Store, ProjectionDaemon Daemon)> OpenAsync(CancellationToken cancellationToken)
    {
        var store = _open();
        await store.InitializeAsync(cancellationToken);
        return (store, new ProjectionDaemon(store, Options, LedgerModule.AsyncProjections(_registry), new ProjectionDaemonOptions { RebuildBatchSize = 20_000 }));
    }

    public static string Community(int c) => $"c{c:D2}";

    public static string District(int c) => c % 2 == 0 ? "龙湖区" : "金平区";

    private IEnumerable<(string Stream, object Data)> Opening(int c)
    {
        var cid = Community(c);
        yield return (StreamIds.Community(cid), new CommunityRegistered(cid, $"社区{cid}", District(c), "街道", CommunityCalendar.DefaultTimeZone));
        yield return (StreamIds.Community(cid), new PointsItemDefined(cid, "clean-up", 1, "人居环境整治", "人居环境", 10, null));
        for (var h = 0; h < HouseholdsPerCommunity; h++)
        {
            yield return (StreamIds.Household(Passbook(cid, h)), new HouseholdOpened(Passbook(cid, h), cid, $"户主{h}", [$"户主{h}", "配偶"], null));
        }
    }

    private IEnumerable<(string Stream, object Data)> Month(int c, DateOnly month)
    {
        var cid = Community(c);
        var activity = "act-" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var participants = Enumerable.Range(0, 20).Select(_ => _random.Next(HouseholdsPerCommunity)).Distinct().ToList();
        yield return (StreamIds.Activity(cid, activity), new ActivityScheduled(cid, activity, "志愿服务", new Organizer(OrganizerKind.SocialOrganization, "志愿者协会"), month.AddDays(9), 5));
        yield return (StreamIds.Activity(cid, activity), new ParticipantsAdded(cid, activity, 5, [.. participants.Select(h => new Participant(Passbook(cid, h), $"户主{h}"))]));
        for (var h = 0; h < HouseholdsPerCommunity; h++)
        {
            var stream = StreamIds.Household(Passbook(cid, h));
            for (var i = 0; i < AwardsPerHouseholdMonth; i++)
            {
                yield return (stream, new PointsAwarded(cid, "clean-up", 1, 10, _random.Next(3) == 0 ? "配偶" : $"户主{h}", null, month.AddDays(i % 28)));
            }

            if (participants.Contains(h))
            {
                yield return (stream, new ActivityPointsAwarded(cid, activity, $"户主{h}", 5, month.AddDays(9)));
            }

            if (_random.Next(10) == 0)
            {
                yield return (stream, new PointsDeducted(cid, "clean-up", 1, 10, 10, $"户主{h}", null));
            }
        }
    }

    private static string Passbook(string cid, int h) => $"{cid}-{h:D4}";

    /// <summary>Appends events, grouped by stream, through the loader (no projection attached).</summary>
    public async Task AppendAsync(IEnumerable<(string Stream, object Data)> events, CancellationToken cancellationToken)
    {
        var metadata = new EventMetadata("key:committee");
        var appends = events.GroupBy(e => e.Stream, StringComparer.Ordinal)
            .Select(g => new StreamAppend(g.Key, ExpectedVersion.Any, [.. g.Select(e => _registry.ToNewEvent(e.Data, metadata))]))
            .ToList();
        await Loader.AppendAsync(appends, null, cancellationToken);
        Events += appends.Sum(a => a.Events.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)Loader).DisposeAsync();
        await _drop();
    }

}
