using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Tests.Domain.Support;

/// <summary>
/// Given(events) / When(decide) / Then(events or error) for a pure decider. Given events get ids, versions and
/// recorded-at times like a store would give them; events are compared by their stored JSON, which is what counts.
/// </summary>
public sealed class DeciderSpec<TState>(TState initial, Func<TState, EventEnvelope, TState> evolve)
{
    private static readonly EventTypeRegistry Registry = LedgerModule.CreateEventTypeRegistry(typeof(DeciderSpec<>).Assembly);
    private readonly List<EventEnvelope> _given = [];

    /// <summary>The time given events are recorded at unless said otherwise, and the decision time.</summary>
    public DateTimeOffset Now { get; set; } = TestData.Now;

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
        _given.Add(new EventEnvelope(id, Registry.NameOf(e.GetType()), _given.Count + 1, _given.Count + 1, at, "key:test", e));
        return id;
    }

    /// <summary>Records one event at <see cref="Now"/> and returns its id.</summary>
    public Guid GivenId(object e) => GivenAt(Now, e);

    /// <summary>Runs the decider on the folded state.</summary>
    public Outcome When(Func<TState, Result<IReadOnlyList<object>>> decide) => new(decide(State));

    /// <summary>Runs a decider that returns its stream's own closed set of events.</summary>
    public Outcome When<TEvent>(Func<TState, Result<IReadOnlyList<TEvent>>> decide)
        where TEvent : class
    {
        var decided = decide(State);
        return new(decided.IsSuccess ? Result.Ok<IReadOnlyList<object>>(decided.Value!) : decided.Error!);
    }

    /// <summary>What a decision produced.</summary>
    public sealed class Outcome(Result<IReadOnlyList<object>> result)
    {
        /// <summary>Asserts exactly these events, in order.</summary>
        public void Then(params object[] expected)
        {
            Assert.True(result.IsSuccess, result.IsSuccess ? "" : $"Expected events, got error '{result.Error!.Type}': {result.Error.Detail}");
            Assert.Equal(expected.Select(Json), result.Value!.Select(Json));
        }

        /// <summary>Asserts the decision changes nothing.</summary>
        public void ThenNothing() => Then();

        /// <summary>Asserts the problem slug (and returns the error for further checks).</summary>
        public LedgerError ThenFails(string slug, ErrorKind kind)
        {
            Assert.False(result.IsSuccess, result.IsSuccess ? $"Expected '{slug}', got {result.Value!.Count} event(s): {string.Join(", ", result.Value.Select(Json))}" : "");
            Assert.Equal(slug, result.Error!.Type);
            Assert.Equal(kind, result.Error.Kind);
            return result.Error;
        }
    }

    /// <summary>An event's type and JSON, as the store would hold them.</summary>
    public static string Json(object e) => $"{Registry.NameOf(e.GetType())} {JsonSerializer.Serialize(e, e.GetType(), LedgerJson.Options)}";
}
