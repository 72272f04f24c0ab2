using Microsoft.Extensions.Time.Testing;
using System.Text;
using Ledger.Audit;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task Stream_heads_record_every_stream_s_last_version_in_stream_id_order()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-b", ExpectedVersion.NoStream, Events(3));
        await store.AppendAsync([new StreamAppend("s-a", ExpectedVersion.NoStream, Events(1)), new StreamAppend("s-c", ExpectedVersion.NoStream, Events(2))]);
        await store.AppendAsync("s-b", ExpectedVersion.Exactly(3), Events(1));

        var heads = await store.ReadStreamHeadsAsync().ToListAsync();

        Assert.Equal([("s-a", 1L), ("s-b", 4L), ("s-c", 2L)], heads.Select(h => (h.StreamId, h.Version)));
        foreach (var head in heads.Where(h => h.LastHash is not null))
        {
            Assert.Equal((await ReadStreamAsync(store, head.StreamId))[^1].Hash, head.LastHash);
        }
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_store_then_export_gives_identical_bytes_and_a_ledger_that_goes_on()
    {
        var source = await StoreWithHistoryAsync();
        var exported = await ExportAsync(source);
        var target = await NewStoreAsync();
        var text = Encoding.UTF8.GetString(exported);
        Assert.Equal(8, text.Count(c => c == '\n'));
        Assert.Contains("\"data\":{\"note\":\"积分1\"},\"metadata\":{\"principal\":\"key:contract\"", text, StringComparison.Ordinal);
        Assert.Contains("\"dataText\":\"{ \\\"name\\\": \\\"社区\\\",\\n  \\\"spaced\\\" : [1, 2] }\"", text, StringComparison.Ordinal);

        var head = await EventImport.ImportAsync(target, new MemoryStream(exported));

        Assert.Equal(await source.ReadHeadAsync(), head);
        Assert.Equal(head, await target.ReadHeadAsync());
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(await ExportAsync(target)));
        Assert.Equal(await source.ReadStreamHeadsAsync().ToListAsync(), await target.ReadStreamHeadsAsync().ToListAsync());
        Assert.Empty((await new AuditReplay(target, [new HashChainCheck(target)]).RunAsync()).Problems);
        var next = await target.AppendAsync("household-张三", ExpectedVersion.Exactly(4), Events(1));
        Assert.True(next.LastPosition > head.Position);
        var household = await ReadStreamAsync(target, "household-张三");
        Assert.Equal(EventHasher.Compute(household[3].Hash, household[4]), household[4].Hash);
    }

    [Fact]
    public async Task An_import_into_a_store_that_holds_events_is_refused_and_changes_nothing()
    {
        var exported = await ExportAsync(await StoreWithHistoryAsync());
        var target = await NewStoreAsync();
        await AppendOneAsync(target, "s-existing");
        var before = await target.ReadHeadAsync();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => EventImport.ImportAsync(target, new MemoryStream(exported)));

        Assert.Contains("not empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await target.ReadHeadAsync());
        Assert.Equal(["s-existing"], (await target.ReadStreamHeadsAsync().ToListAsync()).Select(h => h.StreamId));
    }

    [Fact]
    public async Task A_file_whose_chain_is_broken_is_refused_and_leaves_the_store_empty_and_usable()
    {
        var exported = await ExportAsync(await StoreWithHistoryAsync());
        var lines = Encoding.UTF8.GetString(exported).Split('\n');
        // The second of eight events: everything after it is sound, and must not be written either.
        Assert.Contains("\"note\":\"积分2\"", lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace("\"note\":\"积分2\"", "\"note\":\"积分9\"", StringComparison.Ordinal);
        var target = await NewStoreAsync();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(
            () => EventImport.ImportAsync(target, new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)))));

        Assert.Contains("chain is broken", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new LedgerHead(0, EventHasher.GenesisHash, 0), await target.ReadHeadAsync());
        Assert.Empty(await target.ReadStreamHeadsAsync().ToListAsync());
        await EventImport.ImportAsync(target, new MemoryStream(exported));
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(await ExportAsync(target)));
    }

    [Fact]
    public async Task An_event_id_the_table_already_holds_is_refused_by_the_store_and_nothing_is_imported()
    {
        // Both events follow their chains, so ImportChain passes them: the events table's unique key refuses the second.
        var (id, at) = (Guid.NewGuid(), EventHasher.Truncate(T0));
        RecordedEvent Recorded(string stream, long position) => new(
            id, stream, 1, position, EventType, "{}", "{}", at, EventHasher.Compute(EventHasher.GenesisHash, id, EventType, stream, 1, "{}", "{}", at));
        var target = await NewStoreAsync();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(
            () => target.ImportAsync(new[] { Recorded("s-first", 1), Recorded("s-second", 2) }.ToAsyncEnumerable()));

        Assert.Contains("Nothing was imported", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new LedgerHead(0, EventHasher.GenesisHash, 0), await target.ReadHeadAsync());
        Assert.Empty(await target.ReadStreamHeadsAsync().ToListAsync());
        await AppendOneAsync(target, "s-after");
    }

    [Fact]
    public async Task A_large_import_keeps_every_event_and_feeds_inline_projections_each_one_in_its_transaction()
    {
        var source = await NewStoreAsync();
        for (var i = 0; i < 11; i++)
        {
            await source.AppendAsync($"s-bulk-{i % 4}", ExpectedVersion.Any, Events(100, $"b{i}-"));
        }

        var exported = await ExportAsync(source);
        var target = await NewStoreAsync(new EventStoreOptions { Clock = new FakeTimeProvider(T0), InlineProjections = [new RowPerEventProjection()] });

        var head = await EventImport.ImportAsync(target, new MemoryStream(exported));

        Assert.Equal(1100, head.Events);
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(await ExportAsync(target)));
        await using var tx = await target.BeginReadModelTransactionAsync();
        Assert.Equal(1100, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {RowPerEventProjection.Table}"));
        Assert.Equal(head.Position, await ScalarAsync(tx, $"SELECT MAX(position) FROM {RowPerEventProjection.Table}"));
    }

    /// <summary>Interleaved streams, a multi-stream append, Chinese text, and data whose exact text has spaces and a line break.</summary>
    private async Task<ILedgerStore> StoreWithHistoryAsync()
    {
        var clock = new FakeTimeProvider(T0);
        var store = await NewStoreAsync(new EventStoreOptions { Clock = clock });
        await store.AppendAsync("household-张三", ExpectedVersion.NoStream, Events(2, "积分"));
        clock.Advance(TimeSpan.FromMilliseconds(1.5));
        await store.AppendAsync(
            [new StreamAppend("household-张三", ExpectedVersion.Exactly(2), Events(1)), new StreamAppend("item-茶具", ExpectedVersion.NoStream, Events(1))]);
        clock.Advance(TimeSpan.FromSeconds(3));
        await store.AppendAsync("community-C1", ExpectedVersion.NoStream,
            [new NewEvent(Guid.NewGuid(), EventType, "{ \"name\": \"社区\",\n  \"spaced\" : [1, 2] }", new EventMetadata("key:审计员", "corr-2"))]);
        await store.AppendAsync("household-张三", ExpectedVersion.Exactly(3), [Event("写\"引号\"")]);
        await store.AppendAsync("item-茶具", ExpectedVersion.Exactly(1), Events(2));
        return store;
    }

    private static async Task<byte[]> ExportAsync(ILedgerStore store)
    {
        using var output = new MemoryStream();
        await EventExport.WriteAsync(store, output);
        return output.ToArray();
    }
}
