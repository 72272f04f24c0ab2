using System.Collections.Immutable;

namespace Ledger.Households;

/// <summary>
/// What is left of one earning (an award or an activity award): the points a household holds, oldest first.
/// </summary>
/// <param name="EventId">The earning.</param>
/// <param name="OrderOn">The day it counts as earned, for first in, first out (its business date; a <c>.v1</c> earning's UTC recording day).</param>
/// <param name="ExpiresOn">Its last day under the policy it pinned; null: never.</param>
/// <param name="Points">Points earned.</param>
/// <param name="Remaining">Points of it still held: not spent, deducted, corrected away or expired.</param>
public sealed record PointsLot(Guid EventId, DateOnly OrderOn, DateOnly? ExpiresOn, long Points, long Remaining)
{
    /// <summary>True when the lot's last day is before <paramref name="today"/> and something of it is still held.</summary>
    public bool EndedBy(DateOnly today) => Remaining > 0 && ExpiresOn is { } last && last < today;
}

/// <summary>Points one taking (a redemption, a deduction) took from one lot, so a refund can give them back to it.</summary>
public readonly record struct LotTake(Guid Lot, long Points);

/// <summary>
/// The lots of a household and the rules that move points between them, applied by the fold
/// (<see cref="HouseholdEvolution"/>) and nowhere else. Taking is first in, first out: the oldest lot with points
/// left first (by the day earned, then stream order). What each taking took is remembered by its key (a redemption
/// id, a deduction's event id), so its refund or correction returns the points to the same lots. Points taken beyond
/// every lot (only a correction can: it may take a balance below zero) are a <see cref="Shortfall"/>, which the next
/// points to come in repay before any lot holds them. So a balance of zero or more always equals the lots' remaining
/// points, and a negative balance is minus the shortfall with every lot empty.
/// </summary>
/// <param name="Lots">In first in, first out order.</param>
/// <param name="Takes">What each taking took, by its key.</param>
/// <param name="Shortfall">Points taken that no lot covered.</param>
public sealed record PointsLots(ImmutableList<PointsLot> Lots, ImmutableDictionary<string, ImmutableArray<LotTake>> Takes, long Shortfall)
{
    /// <summary>No lots.</summary>
    public static PointsLots Empty { get; } = new([], ImmutableDictionary<string, ImmutableArray<LotTake>>.Empty, 0);

    /// <summary>The key under which a redemption's taking is remembered.</summary>
    public static string RedemptionKey(string redemptionId) => "redemption:" + redemptionId;

    /// <summary>The key under which a deduction's taking is remembered.</summary>
    public static string DeductionKey(Guid eventId) => "deduction:" + eventId.ToString("N");

    /// <summary>Points held in lots.</summary>
    public long Held => Lots.Sum(l => l.Remaining);

    /// <summary>A new lot for an earning, after repaying the shortfall.</summary>
    public PointsLots Earn(Guid eventId, DateOnly orderOn, DateOnly? expiresOn, long points)
    {
        var repaid = Math.Min(Shortfall, points);
        var lot = new PointsLot(eventId, orderOn, expiresOn, points, points - repaid);
        // Earnings mostly arrive in order; a back-dated one goes before every later-dated lot.
        var at = Lots.Count;
        while (at > 0 && Lots[at - 1].OrderOn > orderOn)
        {
            at--;
        }

        return this with { Lots = Lots.Insert(at, lot), Shortfall = Shortfall - repaid };
    }

    /// <summary>Takes <paramref name="points"/> first in, first out and remembers what was taken under <paramref name="key"/>.</summary>
    public PointsLots Take(string key, long points)
    {
        var (lots, takes, left) = TakeFifo(Lots, points);
        return new PointsLots(lots, Takes.SetItem(key, takes), Shortfall + left);
    }

    /// <summary>
    /// Gives <paramref name="points"/> back: first to repay the shortfall, then to the lots the taking under
    /// <paramref name="key"/> took them from. Anything more (the taking found no lots) becomes a lot of its own that
    /// never expires, opened by <paramref name="eventId"/>.
    /// </summary>
    public PointsLots Return(string key, long points, Guid eventId, DateOnly orderOn)
    {
        var repaid = Math.Min(Shortfall, points);
        var left = points - repaid;
        var lots = Lots;
        foreach (var take in Takes.GetValueOrDefault(key, []))
        {
            var back = Math.Min(take.Points, left);
            var at = lots.FindIndex(l => l.EventId == take.Lot);
            lots = lots.SetItem(at, lots[at] with { Remaining = lots[at].Remaining + back });
            left -= back;
        }

        var returned = this with { Lots = lots, Shortfall = Shortfall - repaid, Takes = Takes.Remove(key) };
        return left > 0 ? returned.Earn(eventId, orderOn, null, left) : returned;
    }

    /// <summary>
    /// Takes <paramref name="points"/> for the correction of an earning: first what its own lot still holds, then first
    /// in, first out, then as a shortfall.
    /// </summary>
    public PointsLots Reverse(Guid earning, long points)
    {
        var at = Lots.FindIndex(l => l.EventId == earning);
        var lots = Lots;
        var left = points;
        if (at >= 0)
        {
            var own = Math.Min(lots[at].Remaining, left);
            lots = lots.SetItem(at, lots[at] with { Remaining = lots[at].Remaining - own });
            left -= own;
        }

        var (after, _, shortfall) = TakeFifo(lots, left);
        return this with { Lots = after, Shortfall = Shortfall + shortfall };
    }

    /// <summary>Removes what <paramref name="expired"/> names from its lots.</summary>
    public PointsLots Expire(IEnumerable<ExpiredLot> expired)
    {
        var lots = Lots;
        foreach (var lot in expired)
        {
            var at = lots.FindIndex(l => l.EventId == lot.EventId);
            if (at >= 0)
            {
                lots = lots.SetItem(at, lots[at] with { Remaining = Math.Max(0, lots[at].Remaining - lot.Points) });
            }
        }

        return this with { Lots = lots };
    }

    private static (ImmutableList<PointsLot> Lots, ImmutableArray<LotTake> Takes, long Left) TakeFifo(ImmutableList<PointsLot> lots, long points)
    {
        var takes = ImmutableArray.CreateBuilder<LotTake>();
        var left = points;
        for (var i = 0; i < lots.Count && left > 0; i++)
        {
            var lot = lots[i];
            if (lot.Remaining <= 0)
            {
                continue;
            }

            var taken = Math.Min(lot.Remaining, left);
            lots = lots.SetItem(i, lot with { Remaining = lot.Remaining - taken });
            takes.Add(new LotTake(lot.EventId, taken));
            left -= taken;
        }

        return (lots, takes.ToImmutable(), left);
    }
}
