using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

/// <summary>The declaration rules, which hold whatever the backend.</summary>
public sealed class ProjectionSchemaTests
{
    [Fact]
    public void Declarations_that_would_clash_or_reach_the_stores_own_tables_are_refused()
    {
        var clash = new IProjection[] { new CountingProjection("same"), new CountingProjection("same") };
        Assert.Throws<ArgumentException>(() => ProjectionSchema.Validate(clash));
        Assert.Throws<ArgumentException>(() => ProjectionSchema.Validate([new FixedTables("events")]));
        Assert.Throws<ArgumentException>(() => ProjectionSchema.Validate([new FixedTables("replay_counts")]));
        Assert.Throws<ArgumentException>(() => ProjectionSchema.Validate([new FixedTables("Counts")]));
        ProjectionSchema.Validate([new FixedTables("counts")]);
    }

    /// <summary>A projection with one table of a given name, to test the name rules.</summary>
    private sealed class FixedTables(string table) : IProjection
    {
        public string Name => "fixed";

        public IReadOnlyList<ReadModelTable> Tables => [new(table, [ReadModelColumn.Text("id")], ["id"])];

        public Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
