using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Decides, exactly and without timeouts, when a hole in the global positions is permanent.
/// </summary>
/// <remarks>
/// <para><b>The problem.</b> Positions come from a sequence, and sequences are not transactional: a position is
/// taken the moment an appender draws it, while its event becomes visible only when the appender commits. So a
/// reader can see position 8 before 7 (7's transaction is still running: 7 will appear), or never see 7 (its
/// transaction rolled back or the server crashed: 7 never will). Handing out 8 while 7 may still commit would
/// make every consumer that checkpoints at 8 miss 7 for ever. Waiting on 7 for ever would stall every consumer
/// after a rollback. Marten guesses with a timeout; we decide it.</para>
/// <para><b>The rule.</b> A position that is not visible is permanent once no transaction that could have drawn it
/// is still running, checked before a fresh snapshot reads it again.</para>
/// <para><b>Which transactions could have drawn it.</b> Positions are drawn only by the <c>position</c> default of
/// <c>INSERT INTO ledger.events</c>, and a transaction holds ROW EXCLUSIVE on <c>ledger.events</c> from before that
/// INSERT runs until it ends; PostgreSQL releases a transaction's locks only after its commit is visible. So a
/// probe works in three steps, each a separate statement so each sees the effect of the one before:</para>
/// <list type="number">
/// <item>Read the sequence's last value L. Every position &lt;= L has been drawn by now.</item>
/// <item>List the transactions holding ROW EXCLUSIVE on ledger.events (pg_locks, by virtual transaction id). A
/// transaction still holding a position &lt;= L took that lock before drawing it, so it is listed; one that is
/// not listed has already committed or rolled back.</item>
/// <item>Later, when none of the listed transactions holds any lock (every running transaction holds at least its
/// own), every position &lt;= L is final: a snapshot taken after this check sees each such position that will ever
/// exist. The settled mark becomes L.</item>
/// </list>
/// <para>A reader therefore treats a hole as permanent only if the settled mark covered it <i>before</i> the
/// reader's query began (its snapshot is then newer than the check); otherwise it settles the mark and reads the
/// page again, or stops just before the hole. New transactions never join a probe's list, so each probe finishes
/// as soon as the transactions it listed do: the mark always moves on, and a hole left by a rollback is passed
/// within one probe. Transactions that never wrote to ledger.events (read models, other work) are not waited for,
/// so a long read-model transaction cannot stall a reader. Waiting here is bounded and only saves the caller a
/// second call; it never decides anything. Nothing but the events' default may draw from the sequence.</para>
/// </remarks>
internal sealed class PostgresHighWaterMark(ILogger logger)
{
    private static readonly TimeSpan[] Waits = [.. new[] { 1, 2, 4, 8, 16, 32 }.Select(ms => TimeSpan.FromMilliseconds(ms))];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _loggedHoles = [];
    private long _settled;
    private Probe? _probe;

    /// <summary>Every position at or below this is final: visible to a query that starts now, or never to exist.</summary>
    public long Settled => Volatile.Read(ref _settled);

    /// <summary>The last position drawn so far (0 before the first).</summary>
    public static async Task<long> LastDrawnAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(pg_sequence_last_value('ledger.events_position_seq'), 0)", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Tries to raise the settled mark to at least <paramref name="target"/>, waiting briefly for running
    /// transactions to finish. Returns the mark, which may still be below the target.
    /// </summary>
    public async Task<long> SettleAsync(NpgsqlConnection connection, long target, CancellationToken cancellationToken)
    {
        if (Settled >= target)
        {
            return Settled;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var waits = 0;
            var startedHere = false;
            while (Settled < target)
            {
                if (_probe is null)
                {
                    _probe = await StartProbeAsync(connection, cancellationToken);
                    startedHere = true;
                }
                else if (waits == Waits.Length)
                {
                    break;
                }
                else
                {
                    await Task.Delay(Waits[waits++], cancellationToken);
                    _probe = _probe with { Running = await StillRunningAsync(connection, _probe.Running, cancellationToken) };
                }

                if (_probe.Running.Count == 0)
                {
                    Volatile.Write(ref _settled, Math.Max(_settled, _probe.LastDrawn));
                    _probe = null;
                    if (startedHere)
                    {
                        break; // a probe taken in this call covers every position drawn before the call
                    }
                }
            }

            return Settled;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs a permanent hole the first time this store skips it.</summary>
    public void LogSkipped(long from, long to)
    {
        lock (_loggedHoles)
        {
            if (_loggedHoles.Count > 100_000 || !_loggedHoles.Add(from))
            {
                return;
            }
        }

        logger.LogInformation(
            "Skipping global positions {From} to {To}: no running transaction can commit them (rolled back or lost in a crash)",
            from, to);
    }

    private static async Task<Probe> StartProbeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Two statements in this order: the list must be taken after the sequence is read.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT coalesce(pg_sequence_last_value('ledger.events_position_seq'), 0)"),
                new("SELECT DISTINCT virtualtransaction FROM pg_locks " +
                    "WHERE locktype = 'relation' AND relation = 'ledger.events'::regclass AND mode = 'RowExclusiveLock' " +
                    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lastDrawn = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var running = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            running.Add(reader.GetString(0));
        }

        return new Probe(lastDrawn, running);
    }

    private static async Task<IReadOnlyList<string>> StillRunningAsync(
        NpgsqlConnection connection, IReadOnlyList<string> listed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT virtualtransaction FROM pg_locks WHERE virtualtransaction = ANY ($1)", connection);
        command.Parameters.Add(new() { Value = listed.ToArray() });
        var running = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            running.Add(reader.GetString(0));
        }

        return running;
    }

    private sealed record Probe(long LastDrawn, IReadOnlyList<string> Running);
}
