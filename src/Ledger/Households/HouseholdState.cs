using System.Collections.Immutable;
using Ledger.Common;

namespace Ledger.Households;

/// <summary>An entry a correction can reverse: an award, a deduction or an activity award.</summary>
/// <param name="EventId">The event that recorded it.</param>
/// <param name="Kind">What it was.</param>
/// <param name="RuleId">Its points item, if any.</param>
/// <param name="ActivityId">Its activity, if any.</param>
/// <param name="Member">The member it concerns.</param>
/// <param name="Points">Its effect on the balance (negative for a deduction).</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="OccurredOn">The day it happened, when the event says (see <see cref="BusinessDate"/>).</param>
public sealed record LedgerEntry(
    Guid EventId, EntryKind Kind, string? RuleId, string? ActivityId, string Member, long Points, DateTimeOffset RecordedAt,
    DateOnly? OccurredOn = null)
{
    /// <summary>The month it counts in (a cap, a period): its business date's, in <paramref name="timeZone"/>.</summary>
    public DateOnly MonthIn(string timeZone) => BusinessDate.FirstOfMonth(OccurredOn ?? CommunityCalendar.DateOf(RecordedAt, timeZone));
}

/// <summary>A member's participation in an activity.</summary>
public readonly record struct ActivityMember(string ActivityId, string Member);

/// <summary>
/// A household folded from <c>household-{passbook}</c>. The totals keep the ledger identity
/// <c>Balance = Earned - Deducted - Corrected - Redeemed + Refunded - Expired</c>, where <see cref="Corrected"/> is the net
/// points taken back by corrections (negative when more deductions than awards were reversed).
/// Events of types it does not know are ignored, apart from remembering that they exist.
/// </summary>
public sealed record HouseholdState
{
    /// <summary>Before the household is opened.</summary>
    public static HouseholdState Initial { get; } = new();

    public bool Exists { get; init; }
    public string Passbook { get; init; } = "";
    public string CommunityId { get; init; } = "";
    public string HeadName { get; init; } = "";
    public ImmutableList<string> Members { get; init; } = [];
    public string? Address { get; init; }

    public long Balance { get; init; }

    /// <summary>Points earned from items and activities, before any correction.</summary>
    public long Earned { get; init; }

    /// <summary>Points deducted (the applied amounts).</summary>
    public long Deducted { get; init; }

    /// <summary>Net points taken back by corrections.</summary>
    public long Corrected { get; init; }

    /// <summary>
    /// Points earned as leaderboards count them: awards minus applied deductions, net of corrections. Redeeming never
    /// lowers it. Star levels are measured by it.
    /// </summary>
    public long NetEarned => Earned - Deducted - Corrected;

    /// <summary>The highest star level reached (0: none). Never lowered.</summary>
    public int StarLevel { get; init; }

    public long Redeemed { get; init; }
    public long Refunded { get; init; }

    /// <summary>Points expired (积分过期).</summary>
    public long Expired { get; init; }

    /// <summary>The points held, lot by lot, first in, first out (<see cref="PointsLots"/>).</summary>
    public PointsLots Lots { get; init; } = PointsLots.Empty;

    /// <summary>The stream version folded so far.</summary>
    public long Version { get; init; }

    /// <summary>Correctable entries by event id.</summary>
    public ImmutableDictionary<Guid, LedgerEntry> Entries { get; init; } = ImmutableDictionary<Guid, LedgerEntry>.Empty;

    /// <summary>Corrected entry id to the id of the correction that reversed it.</summary>
    public ImmutableDictionary<Guid, Guid> Corrections { get; init; } = ImmutableDictionary<Guid, Guid>.Empty;

    /// <summary>Every other event of the stream (opening, corrections, redemptions, unknown types) with its type.</summary>
    public ImmutableDictionary<Guid, string> OtherEvents { get; init; } = ImmutableDictionary<Guid, string>.Empty;

    /// <summary>Every (activity, member) this household was awarded for.</summary>
    public ImmutableHashSet<ActivityMember> ActivityAwards { get; init; } = [];

    /// <summary>True when <paramref name="member"/> is listed.</summary>
    public bool HasMember(string member) => Members.Contains(member, StringComparer.Ordinal);

    /// <summary>
    /// Points this household earned from <paramref name="ruleId"/> in the calendar month starting <paramref name="month"/>
    /// of <paramref name="timeZone"/>, by the day each award occurred on, net of corrections (a reversed award no longer
    /// counts). Computed from the entries, because an entry recorded before business dates counts on its recording day
    /// in the community's time zone, which the household stream does not hold.
    /// </summary>
    public long EarnedFromItemInMonth(string ruleId, DateOnly month, string timeZone) =>
        Entries.Values
            .Where(e => e.Kind == EntryKind.Award && e.RuleId == ruleId && !Corrections.ContainsKey(e.EventId))
            .Where(e => e.MonthIn(timeZone) == month)
            .Sum(e => e.Points);
}
