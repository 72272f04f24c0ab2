namespace Ledger.Households.GetStatement;

/// <summary>A passbook statement: the lines of a period with a running balance.</summary>
/// <param name="Passbook">The household.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="HeadName">Head of household.</param>
/// <param name="TimeZone">The community's zone: the calendar of <paramref name="From"/>, <paramref name="To"/> and each line's date.</param>
/// <param name="From">First day included, if limited.</param>
/// <param name="To">Last day included, if limited.</param>
/// <param name="AsOf">Events recorded after this time are left out, if given.</param>
/// <param name="OpeningBalance">The balance before the first day.</param>
/// <param name="ClosingBalance">The balance after the last line of the period.</param>
/// <param name="Lines">Every points movement of the period, and every star level reached in it, oldest first.</param>
/// <param name="StarLevel">The star level (星级户) held at the end of the period: 0 for none, else 1 to 5.</param>
/// <param name="AtPosition">Events placed after this global ledger position are left out, if given.</param>
public sealed record StatementResponse(
    string Passbook, string CommunityId, string HeadName, string TimeZone, DateOnly? From, DateOnly? To, DateTimeOffset? AsOf,
    long OpeningBalance, long ClosingBalance, IReadOnlyList<StatementLine> Lines, int StarLevel = 0, long? AtPosition = null);

/// <summary>One line of a statement: one event that moved points, or a star level reached.</summary>
/// <param name="EventId">The event (what a correction names).</param>
/// <param name="Position">Its global position in the ledger.</param>
/// <param name="Version">Its version in the household stream.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Date">The calendar date it was recorded on in the community's zone (what <c>from</c>/<c>to</c> select).</param>
/// <param name="Kind">What it was.</param>
/// <param name="RuleId">Its points item, if any.</param>
/// <param name="RuleVersion">The item version that applied, if any.</param>
/// <param name="ActivityId">Its activity, if any.</param>
/// <param name="CorrectedEventId">For a correction, the entry it reverses.</param>
/// <param name="Description">The item's name, the activity's title, or the movement's own description.</param>
/// <param name="Member">The member who earned or spent.</param>
/// <param name="Points">The change to the balance (+/-).</param>
/// <param name="Requested">For a deduction, what the item asked for (more than -Points when it stopped at zero).</param>
/// <param name="RunningBalance">The balance after this line.</param>
/// <param name="Principal">Who recorded it.</param>
/// <param name="Note">The award's note or the correction's reason.</param>
/// <param name="Stars">For a star level reached, its stars.</param>
/// <param name="Threshold">For a star level reached, the points earned it needed.</param>
/// <param name="OccurredOn">
/// The day it happened in the community's zone: an award's <c>occurredOn</c>, a participation's activity date, else
/// the day it was recorded (<see cref="Common.BusinessDate"/>). Periods count it here; the running balance follows recording.
/// </param>
/// <param name="FundedBy">
/// Who funded the points an award issued (and a correction of it took back): the community's name, or the sponsor's
/// name when a sponsor's points budget paid for them. Null on lines that issue no points.
/// </param>
/// <param name="SponsorshipId">The sponsor's budget behind <paramref name="FundedBy"/>; null when the community funded them.</param>
public sealed record StatementLine(
    Guid EventId, long Position, long Version, DateTimeOffset RecordedAt, DateOnly Date, StatementLineKind Kind,
    string? RuleId, int? RuleVersion, string? ActivityId, Guid? CorrectedEventId, string Description, string Member,
    long Points, long? Requested, long RunningBalance, string Principal, string? Note, int? Stars = null, long? Threshold = null,
    DateOnly? OccurredOn = null, string? FundedBy = null, string? SponsorshipId = null);

/// <summary>Who funded an activity's points: a sponsor's budget, by its id and the sponsor's name.</summary>
/// <param name="SponsorshipId">The budget.</param>
/// <param name="SponsorName">The sponsor.</param>
public sealed record ActivityFunding(string SponsorshipId, string SponsorName);

/// <summary>What a statement line records.</summary>
public enum StatementLineKind
{
    /// <summary>Points awarded for an item.</summary>
    Award,

    /// <summary>Points deducted for an item.</summary>
    Deduction,

    /// <summary>Points awarded for a volunteer activity.</summary>
    ActivityAward,

    /// <summary>An earlier entry reversed.</summary>
    Correction,

    /// <summary>Points spent at the supermarket.</summary>
    Redemption,

    /// <summary>Points given back.</summary>
    Refund,

    /// <summary>A star level (星级户) reached; moves no points (the line's points are 0).</summary>
    StarLevel,

    /// <summary>Points expired (积分过期): the description lists the last days of the lots they came from.</summary>
    Expiry,
}
