using Ledger.Common;

namespace Ledger.Testing.Deciders;

/// <summary>
/// Given(events of one stream) / When(decide) / Then(events or problem) for a pure decider, shared by the ledger's and
/// the supermarket's specs. Given events get ids, versions and recorded-at times like a store would give them.
/// </summary>
public sealed class DeciderSpec<TState>(TState initial, Func<TState, EventEnvelope, TState> evolve)
{
    private readonly List<EventEnvelope> _given = [];

    /// <summary>The time given events are recorded at unless said otherwise, and the decision time.</summary>
    public DateTimeOffset Now { get; set; } = Deciders.Envelopes.Now;

    /// <summary>The given events folded.</summary>
    public TState State => _given.Aggregate(initial, evolve);

    /// <summary>The given events as recorded, for a fold of another state (a household's account).</summary>
    public IReadOnlyList<EventEnvelope> Envelopes => _given;

    /// <summary>Records events at <see cref="Now"/>.</summary>
    public DeciderSpec<TState> Given(params object[] events)
    {
        foreach (var e in events)
        {
            GivenAt(Now, e);
        }

        return this;
    }

    /// <summary>Records one event at <paramref name="at"/> and returns its id (what a correction names).</summary>
    public Guid GivenAt(DateTimeOffset at, object e)
    {
        var id = Guid.NewGuid();
        _given.Add(Deciders.Envelopes.Of(id, _given.Count + 1, at, e));
        return id;
    }

    /// <summary>Records one event at <see cref="Now"/> and returns its id.</summary>
    public Guid GivenId(object e) => GivenAt(Now, e);

    /// <summary>Runs a decider, which returns its stream's own closed set of events, on the folded state.</summary>
    public Outcome When<TEvent>(Func<TState, Result<IReadOnlyList<TEvent>>> decide)
        where TEvent : class => Outcome.Of(decide(State));
}
