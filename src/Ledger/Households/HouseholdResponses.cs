namespace Ledger.Households;

/// <summary>A household's account as the API shows it.</summary>
/// <param name="Passbook">Its passbook number.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="HeadName">Head of household.</param>
/// <param name="Members">Members, head first.</param>
/// <param name="Address">Address, if given.</param>
/// <param name="Balance">Points available.</param>
/// <param name="Earned">Earned from items and activities (before corrections).</param>
/// <param name="Deducted">Deducted (applied amounts).</param>
/// <param name="Corrected">Net points taken back by corrections.</param>
/// <param name="Redeemed">Spent at the supermarket.</param>
/// <param name="Refunded">Given back by cancelled redemptions.</param>
/// <param name="Version">The stream version this reflects (an ETag for the account).</param>
/// <param name="AsOf">The time asked for, if the account is shown as it stood then.</param>
/// <param name="StarLevel">The highest star level (星级户) reached by then: 0 for none, else 1 to 5. Never lowered.</param>
/// <param name="AtPosition">The global ledger position asked for, if the account is shown as it stood there.</param>
/// <param name="Expired">Points expired (积分过期).</param>
/// <param name="Expiring">
/// The points of the balance that will expire, by last day, soonest first (they are gone at the end of <c>on</c> in the
/// community's zone); empty when nothing will.
/// </param>
public sealed record HouseholdResponse(
    string Passbook, string CommunityId, string HeadName, IReadOnlyList<string> Members, string? Address,
    long Balance, long Earned, long Deducted, long Corrected, long Redeemed, long Refunded, long Version, DateTimeOffset? AsOf = null,
    int StarLevel = 0, long? AtPosition = null, long Expired = 0, IReadOnlyList<ExpiringPoints>? Expiring = null)
{
    /// <summary>The response with what expires from <paramref name="today"/> on (the household view's <c>expiring</c>).</summary>
    public static HouseholdResponse From(HouseholdState s, DateOnly today, DateTimeOffset? asOf = null) =>
        From(s, asOf) with { Expiring = [.. HouseholdBalance.ExpiringLots(s, today).Select(x => new ExpiringPoints(x.On, x.Points))] };

    /// <summary>Builds the response from a folded household.</summary>
    public static HouseholdResponse From(HouseholdState s, DateTimeOffset? asOf = null) =>
        new(s.Passbook, s.CommunityId, s.HeadName, s.Members, s.Address,
            s.Balance, s.Earned, s.Deducted, s.Corrected, s.Redeemed, s.Refunded, s.Version, asOf, s.StarLevel, Expired: s.Expired,
            Expiring: []);
}

/// <summary>Points that expire at the end of a day.</summary>
/// <param name="On">Their last day (community zone).</param>
/// <param name="Points">How many.</param>
public sealed record ExpiringPoints(DateOnly On, long Points);

/// <summary>The entry an award or deduction recorded.</summary>
/// <param name="EventId">The entry's id: what a correction names.</param>
/// <param name="Passbook">The household.</param>
/// <param name="Kind">Award or deduction.</param>
/// <param name="RuleId">The points item.</param>
/// <param name="RuleVersion">The item's version that applied.</param>
/// <param name="Member">The member it concerns.</param>
/// <param name="Points">The change to the balance (negative for a deduction: minus the applied amount).</param>
/// <param name="Requested">For a deduction, what the item asked for (can exceed the applied amount under stop-at-zero).</param>
/// <param name="Balance">The balance after it.</param>
/// <param name="Version">The household's stream version after it.</param>
/// <param name="OccurredOn">For an award, the day it is dated (a deduction occurs on the day it is recorded).</param>
public sealed record EntryResponse(
    Guid EventId, string Passbook, EntryKind Kind, string RuleId, int RuleVersion, string Member, long Points, long? Requested,
    long Balance, long Version, DateOnly? OccurredOn = null);

/// <summary>The correction recorded.</summary>
/// <param name="EventId">The correction's own event id.</param>
/// <param name="Passbook">The household.</param>
/// <param name="CorrectedEventId">The entry reversed.</param>
/// <param name="CorrectedKind">What that entry was.</param>
/// <param name="Member">The member of the reversed entry.</param>
/// <param name="Points">The change to the balance.</param>
/// <param name="Balance">The balance after it (may be negative).</param>
/// <param name="Version">The household's stream version after it.</param>
public sealed record CorrectionResponse(
    Guid EventId, string Passbook, Guid CorrectedEventId, EntryKind CorrectedKind, string Member, long Points, long Balance, long Version);
