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
/// <para><b>Why we can know which transactions could have drawn it.</b> The append function takes a transaction id
/// (<c>pg_current_xact_id()</c>) before it draws any position, so every transaction that holds a drawn but
/// uncommitted position shows its xid in <c>pg_stat_activity.backend_xid</c>, which reads the live process array.
/// A probe then works in three steps, each a separate statement so each sees the effect of the one before:</para>
/// <list type="number">
/// <item>Read the sequence's last value L. Every position &lt;= L has been drawn by now.</item>
/// <item>List the transactions with an xid in this database. Any transaction still holding a position &lt;= L
/// got its xid before drawing it, so it is on this list; one that is not has already committed or rolled back.</item>
/// <item>Later, when none of the listed (pid, xid) pairs is still running, every position &lt;= L is final: a
/// snapshot taken after this check sees each such position that will ever exist. The settled mark becomes L.</item>
/// </list>
/// <para>A reader therefore treats a hole as permanent only if the settled mark covered it <i>before</i> the
/// reader's query began (its snapshot is then newer than the check); otherwise it settles the mark and reads the
/// page again, or stops just before the hole. New transactions never join a probe's list, so each probe finishes
/// as soon as the transactions it listed do: the mark always moves on, and a hole left by a rollback is passed
/// within one probe. Waiting here is bounded and only saves the caller a second call; it never decides anything.
/// Transactions in other databases cannot write here and are ignored. Prepared (two-phase) transactions have no
/// backend and are not seen: the store never prepares transactions, and nothing else may draw positions.</para>
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
                new("SELECT pid, backend_xid::text::bigint FROM pg_stat_activity " +
                    "WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lastDrawn = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var running = new List<(int Pid, long Xid)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            running.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return new Probe(lastDrawn, running);
    }

    private static async Task<IReadOnlyList<(int Pid, long Xid)>> StillRunningAsync(
        NpgsqlConnection connection, IReadOnlyList<(int Pid, long Xid)> listed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.pid, a.backend_xid::text::bigint FROM pg_stat_activity a " +
            "JOIN unnest($1::integer[], $2::bigint[]) AS l(pid, xid) ON a.pid = l.pid AND a.backend_xid::text::bigint = l.xid",
            connection);
        command.Parameters.Add(new() { Value = listed.Select(l => l.Pid).ToArray() });
        command.Parameters.Add(new() { Value = listed.Select(l => l.Xid).ToArray() });
        var running = new List<(int, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            running.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return running;
    }

    private sealed record Probe(long LastDrawn, IReadOnlyList<(int Pid, long Xid)> Running);
}
