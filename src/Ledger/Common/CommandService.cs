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

    /// <summary>Rounds of load, decide, append before a lost race is given up (<see cref="StreamCommandRunner.MaxAttempts"/>).</summary>
    public int MaxAttempts { get; init; } = 12;
}

/// <summary>
/// The one way a single-stream command runs: load, fold, decide, append, answer. Handlers describe their command as a
/// <see cref="StreamCommand{TState,TEvent}"/> and their answer; this service runs it on a
/// <see cref="StreamCommandRunner"/> (idempotency key and response stored with the events, retries on a lost race).
/// Commands that span streams (a redemption) use the runner and the session directly.
/// </summary>
public sealed class CommandService(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
{

    /// <summary>
    /// Runs <paramref name="command"/> and answers with <paramref name="respond"/> from the stream after the append and
    /// every event decided (none when nothing changed).
    /// </summary>
    public Task<Result<T>> RunAsync<TState, TEvent, T>(
        StreamCommand<TState, TEvent> command, Func<Folded<TState>, IReadOnlyList<TEvent>, T> respond,
        CancellationToken cancellationToken)
        where TEvent : class
    {
        if (command.Denied is { } denied)
        {
            return Task.FromResult(Result.Fail<T>(denied));
        }

        var runner = new StreamCommandRunner(store, registry, clock, context) { MaxAttempts = command.MaxAttempts, Turns = StreamLocks.Process };
        return runner.RunAsync<T>(async (session, ct) =>
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
        }, cancellationToken);
    }

    /// <summary>A decision whose events entail nothing more.</summary>
    public static Result<Decision<TState, TEvent>> Events<TState, TEvent>(Result<IReadOnlyList<TEvent>> decided)
        where TEvent : class =>
        decided.Map(events => new Decision<TState, TEvent>(events));
}
