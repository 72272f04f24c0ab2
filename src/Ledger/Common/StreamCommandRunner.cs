using System.Text.Json;
using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// The rounds of one command inside <see cref="CommandService"/>: load and decide in a <see cref="StreamSession"/>,
/// append with the loaded versions (plus the key and the response, in the same transaction; the store answers a retried
/// request from the key it holds) through <see cref="HotStreams"/>, and start over on a <see cref="ConcurrencyException"/>.
/// The key is not looked up before deciding: only a decision that appends nothing needs it, and every lookup saved is a
/// read off the counter's path.
/// </summary>
internal sealed class StreamCommandRunner(
    IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context, HotStreams hot)
{
    /// <summary>
    /// How many times the whole load/decide/append runs before giving up. Every losing round means somebody else
    /// won, so with a small jittered back-off a burst of simultaneous awards to one household all land.
    /// </summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>
    /// Streams whose turns are taken before the first round and passed on once the append is written (see
    /// <see cref="HotStreams"/>): every counter sells the same few items, and queued they take turns instead of racing.
    /// </summary>
    public IReadOnlyList<string> TurnsFirst { get; init; } = [];

    /// <summary>
    /// Whether a request that lost a race waits its turn at the streams it lost on and holds it until it lands, so the
    /// losers of one burst in this process go one after another instead of racing again (under load the jittered
    /// back-off alone let twenty simultaneous awards to one household exhaust their rounds). Expected versions still
    /// referee against other servers. Not for a command that took its turns first.
    /// </summary>
    public bool TurnAfterLostRace { get; init; }

    // How many times MaxAttempts a request holding its turn may go on (each round backs off up to 250 ms).
    private const int RoundsInTurn = 3;

    /// <summary>
    /// Runs <paramref name="attempt"/> until its append lands, it returns an error, or the attempts run out.
    /// The attempt loads what it needs through the session, queues events with <see cref="StreamSession.Append"/>
    /// and returns the response; an attempt that queues nothing changes nothing (an idempotent no-op).
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(
        Func<StreamSession, CancellationToken, Task<Result<T>>> attempt, StoredAnswer<T>? storedAnswer, CancellationToken cancellationToken)
    {
        var idempotency = context.Idempotency;
        var metadata = new EventMetadata(context.Principal.Id, context.CorrelationId, null, idempotency?.ScopedKey);
        IDisposable? turn = null;
        var turnsFirst = TurnsFirst.Count > 0 ? await hot.TakeTurnsAsync(TurnsFirst, cancellationToken) : null;
        try
        {
            for (var round = 1; ; round++)
            {
                var session = new StreamSession(store, registry, context.Principal.Id, clock.GetUtcNow()) { MayTrustCache = round == 1 };
                var decided = await attempt(session, cancellationToken);
                if (session.TookUntestedState && (!decided.IsSuccess || session.RestsOnUntestedState))
                {
                    // Taken on cached state that no append will vouch for: take it again on what the store holds now.
                    session = new StreamSession(store, registry, context.Principal.Id, clock.GetUtcNow());
                    decided = await attempt(session, cancellationToken);
                }

                if (!decided.IsSuccess || !session.HasAppends)
                {
                    // Nothing to append, so the store never saw the key: a retry after success gets the original answer
                    // even if deciding again now fails or finds nothing left to do.
                    return idempotency is not null && await store.FindIdempotencyKeyAsync(idempotency.ScopedKey, cancellationToken) is { } stored
                        ? Answer(stored.RequestHash == idempotency.RequestHash, stored.Result, storedAnswer)
                        : decided;
                }

                var response = decided.Value;
                // Serialized here rather than when the store asks: the store asks on its one writer, which every counter waits on.
                var described = idempotency is null ? null
                    : storedAnswer is not null ? storedAnswer.Describe(response!)
                    : JsonSerializer.Serialize(response, LedgerJson.Options);
                var key = idempotency is null ? null : new IdempotencyKey(idempotency.ScopedKey, idempotency.RequestHash, _ => described!);
                var appends = session.BuildAppends(metadata);
                try
                {
                    // The store answers a key it already holds with the original result instead of appending.
                    var result = await hot.AppendAsync(store, session, appends, key, turnsFirst, cancellationToken);
                    return result.Replayed ? StoredResponse(result, storedAnswer) : response;
                }
                // Holding the turn, a loss can only be to an append written and not yet committed (a group commit in
                // flight, slow just after a failover) or to another server: waiting that out is worth more rounds.
                catch (ConcurrencyException) when (round < (turn is null ? MaxAttempts : MaxAttempts * RoundsInTurn))
                {
                    if (TurnAfterLostRace && turnsFirst is null && turn is null)
                    {
                        // Whoever raced us in this process now waits behind us, so go again as soon as the turn comes.
                        turn = await hot.TakeTurnsAsync(appends.Select(a => a.StreamId), cancellationToken);
                    }
                    else if (!session.TookUntestedState)
                    {
                        // Real time, not the ledger clock: a test clock that never moves must not stall a retry.
                        await Task.Delay(BackOff(round), cancellationToken);
                    }

                    // Else the cache was most likely behind (another writer moved the stream), not a race: read and go again.
                }
                catch (ConcurrencyException)
                {
                    return LedgerErrors.ConcurrencyConflict(round);
                }
                catch (IdempotencyConflictException)
                {
                    return LedgerErrors.IdempotencyKeyReused();
                }
            }
        }
        finally
        {
            turn?.Dispose();
            turnsFirst?.Dispose();
        }
    }

    private static Result<T> Answer<T>(bool sameRequest, AppendResult stored, StoredAnswer<T>? storedAnswer) =>
        sameRequest ? StoredResponse(stored, storedAnswer) : LedgerErrors.IdempotencyKeyReused();

    // Full jitter on a doubling window (10, 20, 40 ... capped at 250 ms) spreads the losers of one round apart. An
    // append takes a few milliseconds (fsync), so twenty writers to one household need windows of that order to
    // stop colliding; measured with 20 gated writers, narrower windows (4..100 ms) exhausted 12 rounds now and then.
    private static TimeSpan BackOff(int round) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(250, 5 << Math.Min(round, 6)) + 1));

    private static Result<T> StoredResponse<T>(AppendResult result, StoredAnswer<T>? storedAnswer) =>
        result.Response is not { } json
            // Only a key stored without a response (by some other writer) lands here: it answers a different request.
            ? LedgerErrors.IdempotencyKeyReused()
            : storedAnswer is not null ? storedAnswer.Replay(json)
            : JsonSerializer.Deserialize<T>(json, LedgerJson.Options) is { } value ? value
            : LedgerErrors.IdempotencyKeyReused();
}
