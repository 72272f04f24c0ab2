using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task The_upsert_helper_sums_replaces_and_stores_null_the_same_on_every_backend_across_many_statements()
    {
        var table = new ReadModelTable(
            "upserted", [ReadModelColumn.Text("id"), ReadModelColumn.BigInt("n"), ReadModelColumn.Text("label", nullable: true)], ["id"]);
        var upsert = new Upsert(table.Name, ["id"], Add: ["n"], Set: ["label"]);
        var (store, _) = await NewLedgerAsync();
        // Past one PostgreSQL statement's worth of parameters, so the chunks must agree with each other.
        var keys = Enumerable.Range(0, 2500).Select(i => $"k{i:D4}").ToList();

        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            await ProjectionSchema.EnsureAsync(tx, [new TableOnly(table)]);
            await tx.UpsertAsync(upsert, [.. keys.Select((k, i) => new object?[] { k, (long)i, i % 2 == 0 ? null : "odd" })], CancellationToken.None);
            await tx.UpsertAsync(upsert, [.. keys.Select(k => new object?[] { k, 1000L, k == "k0000" ? "first" : null })], CancellationToken.None);
            await tx.CommitAsync();
        }

        var rows = await DumpAsync(store, table.Name);
        Assert.Equal(2500, rows.Count);
        Assert.Equal(Sorted(keys.Select((k, i) => $"{k}|{i + 1000}|{(k == "k0000" ? "first" : "NULL")}")), Sorted(rows));
        await using var check = await store.BeginReadModelTransactionAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => check.UpsertAsync(upsert, [new object?[] { "short" }], CancellationToken.None));
    }

    /// <summary>A projection that is only a table declaration, to create one for a helper test.</summary>
    private sealed class TableOnly(ReadModelTable table) : IProjection
    {
        public string Name => "table_only";

        public IReadOnlyList<ReadModelTable> Tables => [table];

        public Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
