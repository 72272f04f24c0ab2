using Ledger.Common;

namespace Redemption.Tests.Domain.Support;

/// <summary>What a decision produced: events (across its streams, in append order) or a problem.</summary>
public sealed class Outcome(Result<IReadOnlyList<object>> result)
{
    /// <summary>Asserts exactly these events, in order, compared by their stored JSON.</summary>
    public void Then(params object[] expected)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : $"Expected events, got '{result.Error!.Type}': {result.Error.Detail}");
        Assert.Equal(expected.Select(Envelopes.Json), result.Value!.Select(Envelopes.Json));
    }

    /// <summary>Asserts the decision changes nothing.</summary>
    public void ThenNothing() => Then();

    /// <summary>Asserts the problem slug and kind, and returns the error for its extensions.</summary>
    public LedgerError ThenFails(string slug, ErrorKind kind)
    {
        Assert.False(result.IsSuccess, result.IsSuccess ? $"Expected '{slug}', got {string.Join(", ", result.Value!.Select(Envelopes.Json))}" : "");
        Assert.Equal((slug, kind), (result.Error!.Type, result.Error.Kind));
        return result.Error;
    }
}
