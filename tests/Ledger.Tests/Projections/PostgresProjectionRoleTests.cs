using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Projections;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.Projections;

/// <summary>
/// The service's least-privilege role (no UPDATE or DELETE on events) runs every projection operation: the lock
/// an inline rebuild takes on <c>ledger.streams</c> needs only the UPDATE the role has there anyway.
/// </summary>
public sealed class PostgresProjectionRoleTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    [Fact]
    public async Task The_restricted_service_role_runs_rebuilds_and_comparisons_of_inline_and_async_projections()
    {
        var ownerConnection = await factory.CreateDatabaseAsync();
        await using (var owner = new PostgresEventStore(new PostgresEventStoreSettings(ownerConnection)))
        {
            await owner.InitializeAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(ownerConnection).Database!;
        var role = $"{database}_svc";
        await ExecuteAsync(ownerConnection, $"""
            CREATE ROLE {role} LOGIN;
            GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {role};
            GRANT USAGE ON SCHEMA ledger TO {role};
            GRANT USAGE, CREATE ON SCHEMA public TO {role};
            GRANT SELECT ON ledger.schema_version TO {role};
            GRANT SELECT, INSERT ON ledger.events, ledger.idempotency_keys TO {role};
            GRANT SELECT, INSERT, UPDATE ON ledger.streams, ledger.checkpoints TO {role};
            GRANT USAGE ON SEQUENCE ledger.events_position_seq TO {role};
            """);
        var (inline, counts) = (new CountingProjection("inline_counts"), new CountingProjection("async_counts"));
        var storeOptions = new EventStoreOptions { InlineProjections = [inline] };
        var appConnection = new NpgsqlConnectionStringBuilder(ownerConnection) { Username = role }.ConnectionString;
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(appConnection), storeOptions);
        await store.InitializeAsync();
        var daemon = new ProjectionDaemon(store, storeOptions, [counts]);

        for (var i = 0; i < 20; i++)
        {
            await store.AppendAsync($"s-{i % 4}", ExpectedVersion.Any, [new(Guid.CreateVersion7(), "PointsEarnedTested.v1", $$"""{"amount":{{i}}}""", new EventMetadata("key:svc"))]);
        }

        await daemon.CatchUpAsync();
        await daemon.RebuildAllAsync();
        var comparisons = await daemon.CompareAllAsync();

        Assert.All(comparisons, c => Assert.True(c.Equal && c.Position > 0, c.ToString()));
        Assert.Equal(4L, await ScalarAsync(ownerConnection, "SELECT count(*) FROM inline_counts_streams"));
        Assert.Equal(190L, await ScalarAsync(ownerConnection, "SELECT total FROM async_counts_types"));
    }
}
