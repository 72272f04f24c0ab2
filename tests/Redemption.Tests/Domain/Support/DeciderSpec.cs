using Ledger.Common;

namespace Redemption.Tests.Domain.Support;

/// <summary>Given(events of one stream) / When(decide) / Then(events or problem), for the single-stream deciders.</summary>
public sealed class DeciderSpec<TState>(TState initial, Func<TState, EventEnvelope, TState> evolve)
{
    private readonly List<object> _given = [];

    /// <summary>Records events (at <see cref="TestData.Now"/>).</summary>
    public DeciderSpec<TState> Given(params object[] events)
    {
        _given.AddRange(events);
        return this;
    }

    /// <summary>The given events folded.</summary>
    public TState State => Envelopes.Of(TestData.Now, _given).Aggregate(initial, evolve);

    /// <summary>Runs the decider on the folded state.</summary>
    public Outcome When(Func<TState, Result<IReadOnlyList<object>>> decide) => new(decide(State));

    /// <summary>Runs a decider that returns its stream's own closed set of events.</summary>
    public Outcome When<TEvent>(Func<TState, Result<IReadOnlyList<TEvent>>> decide)
        where TEvent : class
    {
        var decided = decide(State);
        return new(decided.IsSuccess ? Result.Ok<IReadOnlyList<object>>(decided.Value!) : decided.Error!);
    }
}
