using Ledger.Common;
using Xunit;

namespace Ledger.Testing.Deciders;

/// <summary>What a decision produced: events (across its streams, in append order) or a problem.</summary>
public sealed class Outcome(Result<IReadOnlyList<object>> result)
{
    /// <summary>The outcome of a decider that returns its stream's own closed set of events.</summary>
    public static Outcome Of<TEvent>(Result<IReadOnlyList<TEvent>> decided)
        where TEvent : class =>
        new(decided.IsSuccess ? Result.Ok<IReadOnlyList<object>>(decided.Value!) : decided.Error!);

    /// <summary>Asserts exactly these events, in order, compared by their stored JSON (which is what counts).</summary>
    public void Then(params object[] expected)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : $"Expected events, got error '{result.Error!.Type}': {result.Error.Detail}");
        Assert.Equal(expected.Select(Envelopes.Json), result.Value!.Select(Envelopes.Json));
    }

    /// <summary>Asserts the decision changes nothing.</summary>
    public void ThenNothing() => Then();

    /// <summary>Asserts the problem slug and kind, and returns the error for its extensions.</summary>
    public LedgerError ThenFails(string slug, ErrorKind kind)
    {
        Assert.False(result.IsSuccess, result.IsSuccess ? $"Expected '{slug}', got {result.Value!.Count} event(s): {string.Join(", ", result.Value.Select(Envelopes.Json))}" : "");
        Assert.Equal(slug, result.Error!.Type);
        Assert.Equal(kind, result.Error.Kind);
        return result.Error;
    }
}
