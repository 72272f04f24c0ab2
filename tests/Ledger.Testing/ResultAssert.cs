using Ledger.Common;
using Ledger.EventStore;
using Xunit;

namespace Ledger.Testing;

/// <summary>Assertions on handler results and the whole ledger, shared by the handler harnesses.</summary>
public static class ResultAssert
{
    /// <summary>Asserts success and returns the value.</summary>
    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : $"{result.Error!.Type}: {result.Error.Detail}");
        return result.Value!;
    }

    /// <summary>Asserts the problem slug.</summary>
    public static void Fails<T>(Result<T> result, string slug) =>
        Assert.Equal(slug, result.IsSuccess ? "(success)" : result.Error!.Type);

    /// <summary>Every event of <paramref name="store"/>, in global order.</summary>
    public static async Task<List<RecordedEvent>> ReadAllEventsAsync(this ILedgerStore store)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }
}
