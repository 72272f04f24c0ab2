using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace Ledger.Api.Cli;

/// <summary>
/// <c>backup --out FILE</c>: a consistent copy of the SQLite ledger, taken while the server runs. SQLite's online backup
/// copies every page inside one read transaction, so the copy is the ledger as of one commit: the server's writer goes
/// on meanwhile (WAL lets a reader and the writer work at once), and an append after that commit is simply not in it.
/// </summary>
public static class BackupVerb
{
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The file to write the copy to (refused if it exists).",
        Required = true,
    };

    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("backup",
            "Copy the SQLite ledger to a file while the server runs; check the copy with verify --sqlite-path FILE."));
        command.Options.Add(OutOption);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var (settings, _, contentRoot) = CliLedger.ReadConfiguration(parse);
        if (!CliLedger.IsSqlite(settings))
        {
            throw new CliFailure(
                "backup copies the SQLite ledger; back up PostgreSQL with pg_basebackup or pg_dump (see docs/operations.md).");
        }

        var source = CliLedger.SqlitePath(settings, contentRoot);
        var target = Path.GetFullPath(parse.GetRequiredValue(OutOption));
        if (!File.Exists(source))
        {
            throw new CliFailure($"There is no ledger at {source}: give --sqlite-path.");
        }

        if (File.Exists(target))
        {
            throw new CliFailure($"{target} exists; backup never overwrites a file (an earlier backup may be the only one).");
        }

        var temporary = target + ".partial";
        var (events, position) = await console.WithProgressAsync("Backing up", _ => Task.Run(() =>
        {
            try
            {
                Copy(source, temporary);
                var copied = Count(temporary);
                File.Move(temporary, target);
                return copied;
            }
            finally
            {
                File.Delete(temporary);
            }
        }, cancellationToken));
        await console.Out.WriteLineAsync(
            $"backup: {events} events up to position {position} copied from {source} to {target}; check it with verify --sqlite-path {target}.");
        return ExitCodes.Ok;
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // No pooling: the files must be closed when this returns. A busy timeout rides out the writer's checkpoints.
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
        }.ToString());
        from.Open();
        using (var wait = from.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 30000";
            wait.ExecuteNonQuery();
        }

        to.Open();
        // One step (all pages at once) inside one read transaction: a consistent snapshot, never restarted by the writer.
        from.BackupDatabase(to);
        using var checkpoint = to.CreateCommand();
        // The copy's pages go into the file itself, so the one file is the whole backup.
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    private static (long Events, long Position) Count(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(position), 0) FROM events";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
