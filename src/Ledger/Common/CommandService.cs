using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// What a stream's decision returns: its events, and for a stream whose events entail more of its own (a household's
/// star level follows from the points just earned), what follows once they are queued with their ids.
/// </summary>
/// <param name="Events">The events decided; none means nothing to do (an idempotent no-op).</param>
/// <param name="Then">
/// Given the state as loaded and the events as queued, the events they entail, appended in the same transaction.
/// </param>
public sealed record Decision<TState, TEvent>(
    IReadOnlyList<TEvent> Events, Func<TState, IReadOnlyList<EventEnvelope>, IReadOnlyList<TEvent>>? Then = null)
    where TEvent : class;

/// <summary>
/// One command on one stream, as <see cref="CommandService"/> runs it: the stream and its fold, who may not run it,
/// and the decision on the folded state (which may read other streams through the session, never append to them).
/// </summary>
/// <param name="StreamId">The stream the command appends to.</param>
/// <param name="Initial">The fold's start.</param>
/// <param name="Evolve">The fold.</param>
/// <param name="Decide">The decision on the folded state; pure but for the reads it makes through the session.</param>
public sealed record StreamCommand<TState, TEvent>(
    string StreamId,
    TState Initial,
    Func<TState, EventEnvelope, TState> Evolve,
    Func<StreamSession, TState, CancellationToken, Task<Result<Decision<TState, TEvent>>>> Decide)
    where TEvent : class
{
    /// <summary>Refuses the caller before anything is read (a role check), or null.</summary>
    public LedgerError? Denied { get; init; }

    /// <summary>Rounds of load, decide, append before a lost race is given up.</summary>
    public int MaxAttempts { get; init; } = 12;
}

/// <summary>
/// One command that may span streams (a redemption, an activity's participants), as <see cref="CommandService"/> runs
/// it: the attempt loads what it needs through the session (or through <see cref="HotStreams"/> for warm streams),
/// queues its events with <see cref="StreamSession.Append"/> and returns the answer. What it needs of the turns is
/// data, not code: the service takes and passes them on.
/// </summary>
/// <param name="Attempt">One round: load, decide, queue, answer; queuing nothing changes nothing (an idempotent no-op).</param>
public sealed record MultiStreamCommand<T>(Func<StreamSession, CancellationToken, Task<Result<T>>> Attempt)
{
    /// <summary>Refuses the caller before anything is read (a role check), or null.</summary>
    public LedgerError? Denied { get; init; }

    /// <summary>Rounds of load, decide, append before a lost race is given up.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>
    /// Streams to take turns at before the first round, passed on as soon as the append is written: for the streams
    /// every counter aims at (a sale's household and items), loaded through the cache so the next request starts from
    /// the written state.
    /// </summary>
    public IReadOnlyList<string> TurnsFirst { get; init; } = [];

    /// <summary>Whether a lost race queues on the streams it lost on, held until the request ends.</summary>
    public bool TurnAfterLostRace { get; init; }

    /// <summary>
    /// What the idempotency record keeps of an answer that must not be stored as it is (an issued key's secret), and
    /// how a retry's answer is made again from it; null stores the answer itself.
    /// </summary>
    public StoredAnswer<T>? Stored { get; init; }
}

/// <summary>The text an idempotency record keeps of an answer, and the answer made again from that text.</summary>
/// <param name="Describe">The answer as the record keeps it.</param>
/// <param name="Replay">The answer to a retry, from the text kept.</param>
public sealed record StoredAnswer<T>(Func<T, string> Describe, Func<string, Result<T>> Replay);

/// <summary>
/// The one way a command runs: load, fold, decide, append, answer. Handlers describe a single-stream command as a
/// <see cref="StreamCommand{TState,TEvent}"/> and one that spans streams as a <see cref="MultiStreamCommand{T}"/>; this
/// service runs either in rounds (<see cref="StreamCommandRunner"/>: idempotency key and response stored with the
/// events, retries on a lost race) and appends through <paramref name="hot"/>, the warm streams and turns that take
/// each append through its life cycle (queued, written, committed, synced).
/// </summary>
public sealed class CommandService(
    IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context, HotStreams? hot = null)
{
    /// <summary>
    /// Runs <paramref name="command"/> and answers with <paramref name="respond"/> from the stream after the append and
    /// every event decided (none when nothing changed).
    /// </summary>
    public Task<Result<T>> RunAsync<TState, TEvent, T>(
        StreamCommand<TState, TEvent> command, Func<Folded<TState>, IReadOnlyList<TEvent>, T> respond,
        CancellationToken cancellationToken)
        where TEvent : class =>
        RunAsync(new MultiStreamCommand<T>(async (session, ct) =>
        {
            var stream = await session.LoadAsync(command.StreamId, command.Initial, command.Evolve, ct);
            var decided = await command.Decide(session, stream.State, ct);
            if (!decided.IsSuccess)
            {
                return decided.Error!;
            }

            var decision = decided.Value!;
            var after = session.Append(stream, decision.Events);
            if (decision.Then is not { } then)
            {
                return respond(after, decision.Events);
            }

            var entailed = then(stream.State, [.. after.Appended.Skip(stream.Appended.Count)]);
            return respond(session.Append(after, entailed), [.. decision.Events, .. entailed]);
        })
        {
            Denied = command.Denied,
            MaxAttempts = command.MaxAttempts,
            TurnAfterLostRace = true,
        }, cancellationToken);

    /// <summary>Runs <paramref name="command"/>, which may append to several streams in one transaction.</summary>
    public Task<Result<T>> RunAsync<T>(MultiStreamCommand<T> command, CancellationToken cancellationToken)
    {
        if (command.Denied is { } denied)
        {
            return Task.FromResult(Result.Fail<T>(denied));
        }

        var runner = new StreamCommandRunner(store, registry, clock, context, hot ?? HotStreams.Plain)
        {
            MaxAttempts = command.MaxAttempts,
            TurnsFirst = command.TurnsFirst,
            TurnAfterLostRace = command.TurnAfterLostRace,
        };
        return runner.RunAsync(command.Attempt, command.Stored, cancellationToken);
    }

    /// <summary>A decision whose events entail nothing more.</summary>
    public static Result<Decision<TState, TEvent>> Events<TState, TEvent>(Result<IReadOnlyList<TEvent>> decided)
        where TEvent : class =>
        decided.Map(events => new Decision<TState, TEvent>(events));
}
