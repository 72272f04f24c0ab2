using Ledger.Common;
using Ledger.Communities;

namespace Ledger.Households;

/// <summary>The household paying for a redemption: <see cref="HouseholdBalance.Spend"/>'s command.</summary>
/// <param name="CommunityId">The community whose supermarket sells; the household must belong to it.</param>
/// <param name="Passbook">The paying household.</param>
/// <param name="Member">The member paying; the head of household when null.</param>
/// <param name="RedemptionId">The receipt the points pay for.</param>
/// <param name="Points">Points to take (positive).</param>
/// <param name="Description">The passbook line, e.g. <c>花生油 5L ×2、洗车 ×1</c>.</param>
public sealed record SpendPoints(string CommunityId, string Passbook, string? Member, string RedemptionId, long Points, string Description);

/// <summary>Points a cancelled redemption gives back: <see cref="HouseholdBalance.Refund"/>'s command.</summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="Passbook">The household that paid.</param>
/// <param name="Member">The member who had paid.</param>
/// <param name="RedemptionId">The cancelled receipt.</param>
/// <param name="Points">Points the receipt took (positive).</param>
/// <param name="Description">The passbook line: what was returned.</param>
/// <param name="Reason">Why it was cancelled.</param>
public sealed record RefundPoints(
    string CommunityId, string Passbook, string Member, string RedemptionId, long Points, string Description, string Reason);

/// <summary>
/// The balance rule, in one place: who may take points from a household and how far. Earning (awards, activities)
/// only adds; everything that takes points away or gives them back is decided here: a deduction (refused, or under
/// stop-at-zero cut to what the balance holds), spending at the supermarket (never more than the balance, so a
/// negative balance spends nothing) and a refund (all a receipt took, nothing more). A correction is the one exception
/// by design: it reverses an entry even below zero, because the ledger tells the truth. Points are held in lots
/// (<see cref="PointsLots"/>): spending and deductions take the oldest first, a refund returns to the lots its receipt
/// took from, and what is left of a lot after its last day expires (<see cref="Expire"/>), never below zero.
/// Other modules call <see cref="Payer"/>, <see cref="Spend"/> and <see cref="Refund"/> with the household as they
/// hold it (<see cref="HouseholdAccountState"/>) and append the events these return to <c>household-{passbook}</c>
/// inside their own multi-stream append, at the version they loaded; they never make household events themselves.
/// </summary>
public static class HouseholdBalance
{
    /// <summary>
    /// The member who pays for the household: the head when <paramref name="member"/> is null. A household that is not
    /// open in <paramref name="communityId"/> is <c>household-not-found</c> (another community's is hidden), a name
    /// that is not a member is <c>member-not-found</c>.
    /// </summary>
    public static Result<string> Payer(HouseholdAccountState household, string communityId, string passbook, string? member) =>
        PayerOf(household.State, communityId, passbook, member);

    /// <summary>
    /// Takes <see cref="SpendPoints.Points"/> for a receipt: the payer as <see cref="Payer"/> says, and a balance that
    /// covers the points (<c>insufficient-points</c> with the balance and the points needed otherwise).
    /// </summary>
    public static Result<IReadOnlyList<IHouseholdEvent>> Spend(HouseholdAccountState household, SpendPoints command)
    {
        var payer = PayerOf(household.State, command.CommunityId, command.Passbook, command.Member);
        if (!payer.IsSuccess)
        {
            return payer.Error;
        }

        var balance = household.State.Balance;
        if (balance < command.Points)
        {
            return LedgerErrors.InsufficientPoints(balance, command.Points);
        }

        return Events(new PointsRedeemed(command.CommunityId, command.RedemptionId, command.Points, payer.Value!, command.Description));
    }

    /// <summary>
    /// Gives back all a cancelled receipt took. The receipt's own stream guards that it is refunded once; here the
    /// household must still be the one that paid.
    /// </summary>
    public static Result<IReadOnlyList<IHouseholdEvent>> Refund(HouseholdAccountState household, RefundPoints command)
    {
        var state = household.State;
        if (!state.Exists || state.CommunityId != command.CommunityId)
        {
            return LedgerErrors.HouseholdNotFound(command.Passbook);
        }

        return Events(new PointsRefunded(
            command.CommunityId, command.RedemptionId, command.Points, command.Member, command.Description, command.Reason));
    }

    /// <summary>
    /// Points a deduction of <paramref name="requested"/> takes from the balance: all of them when the balance covers
    /// them; otherwise <c>insufficient-points</c> under <see cref="DeductionPolicy.Refuse"/>, or under stop-at-zero what
    /// the balance holds (nothing from a negative balance).
    /// </summary>
    internal static Result<long> Deduct(HouseholdState household, long requested, DeductionPolicy policy)
    {
        if (household.Balance < requested && policy == DeductionPolicy.Refuse)
        {
            return LedgerErrors.InsufficientPoints(household.Balance, requested);
        }

        return Math.Clamp(household.Balance, 0, requested);
    }

    /// <summary>
    /// What expires on <paramref name="today"/> (community zone): what is left of every lot whose last day is before it,
    /// as one <c>PointsExpired</c> naming the lots, oldest first; never more than the balance, so a balance never goes
    /// below zero by expiring. Nothing when no lot has ended. A lot expired before and refunded into since expires again.
    /// </summary>
    public static IReadOnlyList<IHouseholdEvent> Expire(HouseholdAccountState household, DateOnly today) => ExpireLots(household.State, today);

    internal static IReadOnlyList<IHouseholdEvent> ExpireLots(HouseholdState household, DateOnly today)
    {
        var room = Math.Max(0, household.Balance);
        var expired = new List<ExpiredLot>();
        foreach (var lot in household.Lots.Lots)
        {
            if (room == 0)
            {
                break;
            }

            if (lot.EndedBy(today))
            {
                var points = Math.Min(lot.Remaining, room);
                expired.Add(new ExpiredLot(lot.EventId, lot.ExpiresOn!.Value, points));
                room -= points;
            }
        }

        return expired.Count == 0 ? [] : [new PointsExpired(household.CommunityId, expired.Sum(l => l.Points), expired)];
    }

    /// <summary>
    /// The points the balance holds that expire, by last day, soonest first (the household view's <c>expiring</c>): what
    /// is left of each lot with a last day not before <paramref name="today"/>, never more in all than the balance.
    /// </summary>
    public static IReadOnlyList<(DateOnly On, long Points)> Expiring(HouseholdAccountState household, DateOnly today) =>
        ExpiringLots(household.State, today);

    internal static IReadOnlyList<(DateOnly On, long Points)> ExpiringLots(HouseholdState household, DateOnly today)
    {
        var room = Math.Max(0, household.Balance);
        var byDay = new SortedDictionary<DateOnly, long>();
        foreach (var lot in household.Lots.Lots.Where(l => l.Remaining > 0 && l.ExpiresOn is { } last && last >= today))
        {
            var points = Math.Min(lot.Remaining, room);
            if (points > 0)
            {
                byDay[lot.ExpiresOn!.Value] = byDay.GetValueOrDefault(lot.ExpiresOn!.Value) + points;
                room -= points;
            }
        }

        return [.. byDay.Select(d => (d.Key, d.Value))];
    }

    private static Result<string> PayerOf(HouseholdState state, string communityId, string passbook, string? member)
    {
        if (!state.Exists || state.CommunityId != communityId)
        {
            return LedgerErrors.HouseholdNotFound(passbook);
        }

        var name = member ?? state.HeadName;
        return state.HasMember(name) ? name : LedgerErrors.MemberNotFound(passbook, name);
    }

    private static Result<IReadOnlyList<IHouseholdEvent>> Events(params IHouseholdEvent[] events) =>
        Result.Ok<IReadOnlyList<IHouseholdEvent>>(events);
}
