using Ledger.Audit;
using Ledger.EventStore;
using Ledger.Testing;
using static Ledger.Tests.Audit.AuditLedgerSeed;

namespace Ledger.Tests.Audit;

/// <summary>
/// Alters a ledger's database directly, past the append-only triggers, the five ways issue 6 names, and proves the
/// auditor's hash-chain check reports each at the right stream, first position and kind. A backend enrols in one line.
/// </summary>
public abstract class TamperContract<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task A_clean_ledger_of_interleaved_streams_and_multi_stream_appends_reports_nothing()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        var seeded = await SeedAsync(ledger.Store);

        var report = await AuditAsync(ledger.Store);

        Assert.Empty(report.Problems);
        Assert.True(report.Ok);
        Assert.Equal(seeded, report.Events);
        Assert.Equal(Streams.Length, report.Streams);
        Assert.Equal((await ledger.Store.ReadHeadAsync()).Hash, report.HeadHash);
    }

    [Fact]
    public async Task Changing_one_byte_of_an_event_s_data_is_reported_as_changed_at_that_event()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var victim = (await ReadStreamAsync(ledger.Store, Target))[3];
        var altered = victim.Data.Replace("\"points\":40", "\"points\":90", StringComparison.Ordinal);
        Assert.Equal(victim.Data.Length, altered.Length);
        Assert.NotEqual(victim.Data, altered);

        var store = await ledger.TamperAsync(
            $"UPDATE {ledger.Table("events")} SET data = {Literal(altered)} WHERE stream_id = '{Target}' AND version = 4");

        AssertOnly(await AuditAsync(store), Target, victim.Position, AuditProblemKinds.Changed);
    }

    [Fact]
    public async Task A_stored_hash_that_is_not_a_hash_at_all_is_reported_as_changed_at_that_event()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var victim = (await ReadStreamAsync(ledger.Store, Target))[3];

        var store = await ledger.TamperAsync($"UPDATE {ledger.Table("events")} SET hash = 'not-a-hash' WHERE stream_id = '{Target}' AND version = 4");

        AssertOnly(await AuditAsync(store), Target, victim.Position, AuditProblemKinds.Changed);
    }

    [Fact]
    public async Task Deleting_an_event_is_reported_as_missing_where_the_gap_shows()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var after = (await ReadStreamAsync(ledger.Store, Target))[4];

        var store = await ledger.TamperAsync($"DELETE FROM {ledger.Table("events")} WHERE stream_id = '{Target}' AND version = 4");

        AssertOnly(await AuditAsync(store), Target, after.Position, AuditProblemKinds.Missing);
    }

    [Fact]
    public async Task Swapping_two_versions_is_reported_as_reordered_at_the_first_of_them()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var first = (await ReadStreamAsync(ledger.Store, Target))[3];
        var events = ledger.Table("events");

        // Through -1: the unique (stream_id, version) index is checked row by row.
        var store = await ledger.TamperAsync(
            $"UPDATE {events} SET version = -1 WHERE stream_id = '{Target}' AND version = 4",
            $"UPDATE {events} SET version = 4 WHERE stream_id = '{Target}' AND version = 5",
            $"UPDATE {events} SET version = 5 WHERE stream_id = '{Target}' AND version = -1");

        AssertOnly(await AuditAsync(store), Target, first.Position, AuditProblemKinds.Reordered);
    }

    [Fact]
    public async Task A_forged_event_added_after_a_stream_s_last_with_a_plausible_hash_is_reported_as_inserted()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var last = (await ReadStreamAsync(ledger.Store, Target))[^1];

        var store = await ledger.TamperAsync(InsertForged(ledger, last.Hash, version: 9, position: null));

        var forged = Assert.Single(await ReadStreamAsync(store, Target, 9));
        AssertOnly(await AuditAsync(store), Target, forged.Position, AuditProblemKinds.Inserted);
    }

    [Fact]
    public async Task A_forged_event_slipped_into_the_middle_of_a_stream_with_a_plausible_hash_is_reported_as_inserted_at_itself()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var before = (await ReadStreamAsync(ledger.Store, Target))[2];
        var (events, streams) = (ledger.Table("events"), ledger.Table("streams"));

        // Make room after version 3 in both orders (positions and versions), then tidy the stream's recorded version:
        // everything an attacker can do with the rows, the chain after the forged event still does not follow.
        var store = await ledger.TamperAsync(
            $"UPDATE {events} SET position = position + 1000000 WHERE position > {before.Position}",
            $"UPDATE {events} SET position = position - 999999 WHERE position > 1000000",
            $"UPDATE {events} SET version = -version WHERE stream_id = '{Target}' AND version > 3",
            $"UPDATE {events} SET version = 1 - version WHERE stream_id = '{Target}' AND version < 0",
            InsertForged(ledger, before.Hash, version: 4, position: before.Position + 1),
            $"UPDATE {streams} SET version = 9 WHERE id = '{Target}'");

        AssertOnly(await AuditAsync(store), Target, before.Position + 1, AuditProblemKinds.Inserted);
    }

    [Fact]
    public async Task A_forged_stream_the_store_never_recorded_is_reported_as_inserted_at_its_first_event()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);

        var store = await ledger.TamperAsync(InsertForged(ledger, EventHasher.GenesisHash, version: 1, position: null, stream: "household-HB999"));

        var forged = Assert.Single(await ReadStreamAsync(store, "household-HB999"));
        AssertOnly(await AuditAsync(store), "household-HB999", forged.Position, AuditProblemKinds.Inserted);
    }

    [Fact]
    public async Task Truncating_a_stream_s_tail_is_reported_as_truncated()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);

        var store = await ledger.TamperAsync($"DELETE FROM {ledger.Table("events")} WHERE stream_id = '{Target}' AND version > 5");

        var problem = AssertOnly(await AuditAsync(store), Target, null, AuditProblemKinds.Truncated);
        Assert.Contains("versions 6 to 8", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_rewritten_with_recomputed_hashes_passes_verify_but_not_the_comparison_with_an_earlier_export()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        using var export = new MemoryStream();
        await EventExport.WriteAsync(ledger.Store, export);
        await ledger.Store.AppendAsync("household-HB001", ExpectedVersion.Any, [new NewEvent(Guid.NewGuid(), "PointsAwarded.v1", "{}", new EventMetadata("key:柜台"))]);
        export.Position = 0;
        Assert.Empty(await ExportComparison.CompareAsync(ledger.Store, export));
        var stream = await ReadStreamAsync(ledger.Store, Target);
        var (last, data) = (stream[^1], """{"round":8,"what":"兑换","points":8000}""");
        var hash = EventHasher.Compute(stream[^2].Hash, last.EventId, last.Type, Target, 8, data, last.MetadataJson, last.RecordedAt);

        var store = await ledger.TamperAsync(ledger.RecordLastHash(Target, hash).Prepend(
            $"UPDATE {ledger.Table("events")} SET data = {Literal(data)}, hash = '{hash}' WHERE stream_id = '{Target}' AND version = 8").ToArray());

        Assert.Empty((await AuditAsync(store)).Problems);
        export.Position = 0;
        var problem = Assert.Single(await ExportComparison.CompareAsync(store, export));
        Assert.Equal((Target, (long?)last.Position, AuditProblemKinds.Changed), (problem.Stream, problem.Position, problem.Kind));
    }

    [Fact]
    public async Task Events_appended_after_the_replay_s_head_are_neither_truncation_nor_insertion()
    {
        await using var ledger = await TamperableLedger.CreateAsync(factory);
        await SeedAsync(ledger.Store);
        var check = new HashChainCheck(ledger.Store);
        await foreach (var e in ledger.Store.ReadAllAsync())
        {
            check.Observe(e);
        }

        // A live server goes on appending between the replay's last event and the check's look at the streams table.
        await ledger.Store.AppendAsync(Target, ExpectedVersion.Exactly(8), [new NewEvent(Guid.NewGuid(), "PointsAwarded.v1", "{}", new EventMetadata("key:柜台"))]);
        await ledger.Store.AppendAsync("household-HB100", ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), "PointsAwarded.v1", "{}", new EventMetadata("key:柜台"))]);

        Assert.Empty(await check.FinishAsync(CancellationToken.None).ToListAsync());
    }

    private static AuditProblem AssertOnly(AuditReport report, string stream, long? position, string kind)
    {
        var problem = Assert.Single(report.Problems);
        Assert.False(report.Ok);
        Assert.Equal((stream, position, kind), (problem.Stream, problem.Position, problem.Kind));
        return problem;
    }

    /// <summary>An INSERT of an event that was never appended, its hash computed as the store would from <paramref name="previousHash"/>.</summary>
    private static string InsertForged(TamperableLedger ledger, string previousHash, long version, long? position, string stream = Target)
    {
        var (id, at) = (Guid.NewGuid(), EventHasher.Truncate(DateTimeOffset.UtcNow));
        const string type = "PointsAwarded.v1";
        const string data = """{"round":99,"what":"伪造","points":5000}""";
        var metadata = new EventMetadata("key:柜台").ToJson();
        var hash = EventHasher.Compute(previousHash, id, type, stream, version, data, metadata, at);
        var (columns, values) = position is null ? ("", "") : ("position, ", $"{position}, ");
        return $"""
            INSERT INTO {ledger.Table("events")} ({columns}event_id, stream_id, version, type, data, metadata, recorded_at, hash)
            VALUES ({values}'{id:D}', {Literal(stream)}, {version}, '{type}', {Literal(data)}, {Literal(metadata)}, '{EventHasher.FormatTime(at)}', '{hash}')
            """;
    }
}

public sealed class SqliteTamperTests(SqliteEventStoreFactory factory) : TamperContract<SqliteEventStoreFactory>(factory);

public sealed class PostgresTamperTests(PostgresEventStoreFactory factory) : TamperContract<PostgresEventStoreFactory>(factory);
