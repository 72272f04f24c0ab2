using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The service can run under a role that may only add to the ledger: SELECT and INSERT on events and
/// idempotency keys, never UPDATE or DELETE. These grants are the least the store needs.
/// </summary>
public sealed class PostgresRestrictedRoleTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    [Fact]
    public async Task A_role_with_only_select_and_insert_on_events_initialises_appends_and_reads_but_cannot_update_or_delete()
    {
        var ownerConnection = await factory.CreateDatabaseAsync();
        await using (var owner = new PostgresEventStore(new PostgresEventStoreSettings(ownerConnection)))
        {
            await owner.InitializeAsync(); // the schema is the owner's: the service role cannot create it
        }

        var database = new NpgsqlConnectionStringBuilder(ownerConnection).Database!;
        var role = $"{database}_app";
        await ExecuteAsync(ownerConnection, $"""
            CREATE ROLE {role} LOGIN;
            GRANT CONNECT ON DATABASE {database} TO {role};
            GRANT USAGE ON SCHEMA ledger TO {role};
            GRANT SELECT ON ledger.schema_version TO {role};
            GRANT SELECT, INSERT ON ledger.events, ledger.idempotency_keys TO {role};
            GRANT SELECT, INSERT, UPDATE ON ledger.streams, ledger.checkpoints TO {role};
            GRANT USAGE ON SEQUENCE ledger.events_position_seq TO {role};
            """);
        try
        {
            await AppendReadAndTryToTamperAsync(ownerConnection, new NpgsqlConnectionStringBuilder(ownerConnection) { Username = role }.ConnectionString);
        }
        finally
        {
            // Roles belong to the whole cluster, which may be a server lent for the test run: leave none behind.
            await ExecuteAsync(ownerConnection, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private static async Task AppendReadAndTryToTamperAsync(string ownerConnection, string appConnection)
    {
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(appConnection));

        await store.InitializeAsync();
        // A key with a response runs in an explicit transaction; the plain append and the replay are one statement.
        var first = await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event("one")], new IdempotencyKey("k-1", "h", r => $"ok {r.LastPosition}"));
        await store.AppendAsync("s-1", ExpectedVersion.Exactly(1), [Event("two")]);
        var replay = await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event("one")], new IdempotencyKey("k-1", "h"));
        await store.Checkpoints.SaveAsync("balances", 2);
        await store.Checkpoints.SaveAsync("balances", 3);
        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
        {
            all.Add(e);
        }

        Assert.True(replay.Replayed);
        Assert.Equal($"ok {first.LastPosition}", replay.Response);
        Assert.Equal([1L, 2], all.Select(e => e.StreamVersion));
        Assert.Equal(all[^1].Position, (await store.ReadHeadAsync()).Position);
        Assert.Equal(3, await store.Checkpoints.LoadAsync("balances"));
        foreach (var sql in new[]
                 {
                     "UPDATE ledger.events SET type = 'Forged.v1'", "DELETE FROM ledger.events",
                     "UPDATE ledger.idempotency_keys SET response = 'forged'", "DELETE FROM ledger.idempotency_keys",
                 })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(appConnection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
            Assert.StartsWith("permission denied for table", ex.MessageText);
        }

        Assert.Equal(2L, await ScalarAsync(ownerConnection, "SELECT count(*) FROM ledger.events"));
    }
}
