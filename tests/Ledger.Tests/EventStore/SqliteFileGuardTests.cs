using Ledger.EventStore;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using static Ledger.Tests.EventStore.SqliteRaw;

namespace Ledger.Tests.EventStore;

/// <summary>The embedded store opens only its own kind of file, says clearly what is wrong otherwise, and never alters a file it refuses.</summary>
public sealed class SqliteFileGuardTests(SqliteEventStoreFactory factory) : IClassFixture<SqliteEventStoreFactory>
{
    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused_with_a_message_naming_it_and_left_untouched()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not SQLite", ex.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_path_that_cannot_be_opened_is_refused_with_a_message_naming_it()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(path);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("cannot be opened", ex.Message);
    }

    [Fact]
    public async Task A_foreign_SQLite_database_is_refused_and_not_modified()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Raw(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('张三');");
        var before = await File.ReadAllBytesAsync(path);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not a ledger", ex.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_SQLite_database_of_another_application_is_refused_naming_its_application_id()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Raw(path, "PRAGMA application_id = 42;");

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("application_id 42", ex.Message);
    }

    [Fact]
    public async Task A_ledger_from_a_newer_build_is_refused()
    {
        var path = factory.NewFilePath();
        (await factory.OpenStoreAsync(path)).Dispose();
        Raw(path, "INSERT INTO ledger_schema_version (version, name, applied_at) VALUES (999, 'from_the_future', '2099-01-01');");

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("newer version", ex.Message);
    }

    [Fact]
    public async Task A_new_ledger_is_created_in_a_missing_folder_stamped_as_a_ledger_in_WAL_mode()
    {
        var path = Path.Combine(factory.Folder, "nested", Guid.NewGuid().ToString("N"), "ledger.db");

        using var store = await factory.OpenStoreAsync(path);

        Assert.True(File.Exists(path));
        using var connection = OpenRaw(path);
        Assert.Equal((long)SqliteSchema.ApplicationId, Scalar(connection, "PRAGMA application_id"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.Instance.LatestVersion, Scalar(connection, "SELECT MAX(version) FROM ledger_schema_version"));
    }
}
