using System.Reflection;
using Ledger.EventStore;
using Ledger.Leaderboards;
using Ledger.Projections;

namespace Ledger.Common;

/// <summary>What a composition root needs to wire the ledger domain: its assembly, event types and inline projections.</summary>
public static class LedgerModule
{
    /// <summary>The assembly holding the ledger's events, MediatR handlers and FluentValidation validators.</summary>
    public static Assembly Assembly => typeof(LedgerModule).Assembly;

    /// <summary>An event-type registry of the ledger's events plus those of <paramref name="more"/> (e.g. the supermarket's).</summary>
    public static EventTypeRegistry CreateEventTypeRegistry(params Assembly[] more) => new([Assembly, .. more]);

    /// <summary>The read models to pass in <see cref="EventStoreOptions.InlineProjections"/>.</summary>
    public static IReadOnlyList<IInlineProjection> InlineProjections() =>
        [.. CommunityDirectory.InlineProjections(), new LeaderboardProjection()];
}
