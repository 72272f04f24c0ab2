using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Projections;

namespace Ledger.Households.ExpirePoints;

/// <summary>What one expiry run did: how many households had points expire and how many points in all.</summary>
/// <param name="Households">Households given a <c>PointsExpired</c> by this run.</param>
/// <param name="Points">Points they lost.</param>
public sealed record ExpiryRunResponse(int Households, long Points);

/// <summary>
/// Expires what has ended in one community: for each household, <see cref="HouseholdBalance.Expire"/> on the day it is
/// now in the community's zone, appended at the version the decision was taken on. Exactly once per lot, also with
/// several servers running it at once and across restarts, comes from the store, not from a lock: the append expects
/// the household's version, so of two servers deciding on the same state one wins and the other, deciding again on
/// the state with the expiry in it, finds nothing left; and its idempotency key is named by the household and that
/// version, so a retry of the same decision is answered from the store rather than appended twice.
/// </summary>
public sealed class ExpiryRun(ILedgerStore store, EventTypeRegistry registry, TimeProvider clock)
{
    /// <summary>
    /// Runs expiry in <paramref name="community"/> (as the caller loaded it, <see cref="CommunityStream.LoadAsync"/>) on
    /// behalf of <paramref name="principal"/>.
    /// </summary>
    public async Task<ExpiryRunResponse> RunAsync(
        Principal principal, string correlationId, CommunityState community, CancellationToken cancellationToken)
    {
        // Only earnings recorded under a policy carry a last day, so a community that never set one has nothing to do.
        if (!community.Exists || community.ExpiryPolicy.Version == 0)
        {
            return new ExpiryRunResponse(0, 0);
        }

        var households = 0;
        var points = 0L;
        foreach (var passbook in await HouseholdSearch.PassbooksAsync(store, community.CommunityId, cancellationToken))
        {
            var expired = await ExpireAsync(principal, correlationId, community, passbook, cancellationToken);
            if (expired > 0)
            {
                households++;
                points += expired;
            }
        }

        return new ExpiryRunResponse(households, points);
    }

    private async Task<long> ExpireAsync(
        Principal principal, string correlationId, CommunityState community, string passbook, CancellationToken cancellationToken)
    {
        var stream = StreamIds.Household(passbook);
        var loaded = await StreamLoader.LoadAsync(store, registry, stream, null, cancellationToken);
        var today = CommunityCalendar.DateOf(clock.GetUtcNow(), community.TimeZone);
        if (HouseholdBalance.ExpireLots(loaded.Fold(HouseholdState.Initial, HouseholdDecider.Evolve), today).Count == 0)
        {
            return 0;
        }

        var key = new ClientIdempotency($"expiry:{passbook}:v{loaded.Version}", "expiry");
        var context = new FixedCommandContext(principal, correlationId, key);
        var command = new StreamCommand<HouseholdState, IHouseholdEvent>(stream, HouseholdState.Initial, HouseholdDecider.Evolve,
            (session, household, _) => Task.FromResult(Result.Ok(new Decision<HouseholdState, IHouseholdEvent>(
                household.CommunityId == community.CommunityId
                    ? HouseholdBalance.ExpireLots(household, CommunityCalendar.DateOf(session.Now, community.TimeZone))
                    : []))));
        var result = await new CommandService(store, registry, clock, context).RunAsync(
            command, (_, decided) => new ExpiredPoints(decided.OfType<PointsExpired>().Sum(x => x.Points)), cancellationToken);
        // A run that raced another to the same decision is answered from the store with what the other expired.
        return result.IsSuccess ? result.Value!.Points : 0;
    }

    /// <summary>The stored answer of one household's expiry, so a replay of its key is read back.</summary>
    public sealed record ExpiredPoints(long Points);
}
