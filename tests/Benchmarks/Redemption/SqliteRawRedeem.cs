using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// The SQLite yardstick of the redemption benchmark: the redemption by hand with prepared commands on one connection
/// (SQLite has one writer), WAL, synchronous=FULL and checkpoints off the commit path like the store: read the item's stock and the household's balance,
/// check, take them, advance both versions, open the receipt's stream and insert the three events, in one transaction.
/// Clerks share the connection under a lock, as concurrent requests share the database file.
/// </summary>
public sealed class SqliteRawRedeem : IRedeemWorkload
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _take;
    private readonly SqliteCommand _open;
    private readonly SqliteCommand _insert;
    private readonly int _households;
    private readonly Sqlite.RawWalCheckpoints _checkpoints;

    private SqliteRawRedeem(SqliteConnection connection, int households)
    {
        (_connection, _households) = (connection, households);
        _checkpoints = Sqlite.RawWalCheckpoints.Start(connection);
        _read = Prepare("SELECT version, amount FROM streams WHERE id = $id", "$id");
        _take = Prepare("UPDATE streams SET version = version + 1, amount = amount - $by WHERE id = $id", "$id", "$by");
        _open = Prepare("INSERT INTO streams (id, version, amount) VALUES ($id, 1, 0)", "$id");
        _insert = Prepare("INSERT INTO events (stream_id, version, type, data) VALUES ($id, $version, $type, $data)", "$id", "$version", "$type", "$data");
    }

    public static SqliteRawRedeem Create(string path, int households)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var ddl = connection.CreateCommand();
        ddl.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE streams (id TEXT PRIMARY KEY, version INTEGER NOT NULL, amount INTEGER NOT NULL);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
                UNIQUE (stream_id, version));
            WITH RECURSIVE n(h) AS (SELECT 1 UNION ALL SELECT h + 1 FROM n WHERE h < {households})
            INSERT INTO streams SELECT 'household-' || printf('BH-%06d', h), 2, 100000 FROM n;
            INSERT INTO streams SELECT 'catalog-' || value, 1, {CounterQueue.Stock} FROM json_each('["{string.Join("\",\"", CounterQueue.HotItems)}"]');
            """;
        ddl.ExecuteNonQuery();
        return new SqliteRawRedeem(connection, households);
    }

    public Task<LatencySamples> RunAsync(int clerks, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        LatencyLoop.RunAsync(Clerks(clerks), warmup, window, cancellationToken);

    public Task<LatencySamples> RunPacedAsync(int clerks, double perSecond, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        PacedLoop.RunAsync(Clerks(clerks), perSecond, warmup, window, cancellationToken);

    private ClosedLoop.Operation[] Clerks(int clerks) => Enumerable.Range(0, clerks).Select(c =>
    {
        var random = new Random(c);
        return (ClosedLoop.Operation)(ct => RedeemAsync(
            random.Next(1, _households + 1), CounterQueue.HotItems[random.Next(CounterQueue.HotItems.Length)], ct));
    }).ToArray();

    private async Task RedeemAsync(int household, string sku, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var (item, payer, receipt) = ("catalog-" + sku, "household-" + CounterQueue.Passbook(household), "redemption-" + Guid.NewGuid().ToString("N"));
            using var transaction = _connection.BeginTransaction();
            foreach (var command in new[] { _read, _take, _open, _insert })
            {
                command.Transaction = transaction;
            }

            var (itemVersion, stock) = Read(item);
            var (payerVersion, balance) = Read(payer);
            if (stock < 1 || balance < CounterQueue.Price)
            {
                throw new InvalidOperationException($"The raw redemption ran out: stock {stock}, balance {balance}.");
            }

            Take(item, 1);
            Take(payer, CounterQueue.Price);
            _open.Parameters[0].Value = receipt;
            _open.ExecuteNonQuery();
            Insert(receipt, 1, "RedemptionRecorded.v1",
                $$"""{"redemptionId":"{{receipt}}","communityId":"{{CounterQueue.CommunityId}}","passbook":"{{CounterQueue.Passbook(household)}}","member":"陈伟","points":10,"lines":[{"sku":"{{sku}}","name":"东北大米 5kg","kind":"goods","itemVersion":1,"unitPoints":10,"quantity":1,"points":10,"vouchers":[]}],"clerk":"key:clerk-01","clerkName":"超市管理员 1号柜台","at":"2026-11-21T04:00:00Z","day":"2026-11-21"}""");
            Insert(payer, payerVersion + 1, "PointsRedeemed.v1",
                $$"""{"communityId":"{{CounterQueue.CommunityId}}","redemptionId":"{{receipt}}","points":10,"member":"陈伟","description":"东北大米 5kg ×1"}""");
            Insert(item, itemVersion + 1, "CatalogItemRedeemed.v1",
                $$"""{"communityId":"{{CounterQueue.CommunityId}}","sku":"{{sku}}","redemptionId":"{{receipt}}","quantity":1,"passbook":"{{CounterQueue.Passbook(household)}}"}""");
            transaction.Commit();
        }
        finally
        {
            _lock.Release();
        }
    }

    private (long Version, long Amount) Read(string id)
    {
        _read.Parameters[0].Value = id;
        using var reader = _read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : throw new InvalidOperationException($"No raw stream {id}.");
    }

    private void Take(string id, long by)
    {
        _take.Parameters[0].Value = id;
        _take.Parameters[1].Value = by;
        _take.ExecuteNonQuery();
    }

    private void Insert(string id, long version, string type, string data)
    {
        _insert.Parameters[0].Value = id;
        _insert.Parameters[1].Value = version;
        _insert.Parameters[2].Value = type;
        _insert.Parameters[3].Value = data;
        _insert.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpoints.DisposeAsync();
        foreach (var command in new[] { _read, _take, _open, _insert })
        {
            command.Dispose();
        }

        _connection.Dispose();
        _lock.Dispose();
    }
}
