using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ledger.Tests.Audit;

/// <summary>
/// A ledger database the test can alter behind the store's back, as an attacker with write access to the database
/// would: the append-only triggers are switched off around the statements, which run as raw SQL.
/// </summary>
public abstract class TamperableLedger : IAsyncDisposable
{
    /// <summary>The store to seed.</summary>
    public abstract ILedgerStore Store { get; }

    /// <summary>The name of a ledger table (<c>events</c>, <c>streams</c>) in raw SQL.</summary>
    public abstract string Table(string name);

    /// <summary>The statements that also make the store's record of a stream's last hash say <paramref name="hash"/>, where it keeps one.</summary>
    public abstract string[] RecordLastHash(string streamId, string hash);

    /// <summary>Runs <paramref name="statements"/> with the append-only triggers off; returns a store on the altered database.</summary>
    public abstract Task<ILedgerStore> TamperAsync(params string[] statements);

    /// <summary>Closes what the factory does not close itself.</summary>
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A ledger of the backend <paramref name="factory"/> makes.</summary>
    public static async Task<TamperableLedger> CreateAsync(IEventStoreFactory factory) => factory switch
    {
        SqliteEventStoreFactory sqlite => await SqliteLedger.CreateAsync(sqlite),
        PostgresEventStoreFactory postgres => await PostgresLedger.CreateAsync(postgres),
        _ => throw new NotSupportedException($"No tamperable ledger for {factory.GetType().Name}."),
    };

    /// <summary>SQLite: the file is copied (VACUUM INTO) and the copy altered, with its triggers dropped and recreated.</summary>
    private sealed class SqliteLedger(SqliteEventStoreFactory factory, string path, ILedgerStore store) : TamperableLedger
    {
        private static readonly string[] Triggers = ["events_are_never_updated", "events_are_never_deleted"];

        public override ILedgerStore Store => store;

        public static async Task<TamperableLedger> CreateAsync(SqliteEventStoreFactory factory)
        {
            var path = factory.NewFilePath();
            return new SqliteLedger(factory, path, await factory.OpenStoreAsync(path));
        }

        public override string Table(string name) => name;

        public override string[] RecordLastHash(string streamId, string hash) => [];

        public override async Task<ILedgerStore> TamperAsync(params string[] statements)
        {
            var copy = factory.NewFilePath();
            using (var source = Open(path))
            {
                Execute(source, $"VACUUM INTO '{copy}'");
            }

            using (var connection = Open(copy))
            {
                var definitions = Triggers.Select(t => (string)Scalar(connection, $"SELECT sql FROM sqlite_master WHERE name = '{t}'")!).ToList();
                Triggers.ToList().ForEach(t => Execute(connection, $"DROP TRIGGER {t}"));
                foreach (var statement in statements)
                {
                    Execute(connection, statement);
                }

                definitions.ForEach(sql => Execute(connection, sql));
            }

            return await factory.OpenStoreAsync(copy);
        }

        private static SqliteConnection Open(string file)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static object? Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }

    /// <summary>PostgreSQL: a superuser disables the triggers, alters the rows and enables them again.</summary>
    private sealed class PostgresLedger(string connectionString, ILedgerStore store) : TamperableLedger
    {
        public override ILedgerStore Store => store;

        public static async Task<TamperableLedger> CreateAsync(PostgresEventStoreFactory factory)
        {
            var connectionString = await factory.CreateDatabaseAsync();
            var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));
            await store.InitializeAsync();
            return new PostgresLedger(connectionString, store);
        }

        public override string Table(string name) => $"ledger.{name}";

        public override string[] RecordLastHash(string streamId, string hash) =>
            [$"UPDATE ledger.streams SET last_hash = '{hash}' WHERE id = '{streamId}'"];

        public override async Task<ILedgerStore> TamperAsync(params string[] statements)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var sql in statements.Prepend("ALTER TABLE ledger.events DISABLE TRIGGER USER").Append("ALTER TABLE ledger.events ENABLE TRIGGER USER"))
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }

            return store;
        }

        public override ValueTask DisposeAsync() => ((IAsyncDisposable)store).DisposeAsync();
    }
}
