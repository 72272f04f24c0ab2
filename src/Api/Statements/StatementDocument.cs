using System.Globalization;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;
using Ledger.Households.GetStatement;

namespace Ledger.Api.Statements;

/// <summary>Everything a printable or exported statement shows: the statement and what frames it.</summary>
/// <param name="Statement">The lines, opening and closing balance.</param>
/// <param name="Community">The household's community (name, district, street).</param>
/// <param name="Household">The household (members, address).</param>
/// <param name="GeneratedAt">When the statement was made.</param>
/// <param name="LedgerPosition">The ledger's head position when it was made.</param>
/// <param name="Language">The language it speaks.</param>
public sealed record StatementDocument(
    StatementResponse Statement, CommunityResponse Community, HouseholdResponse Household,
    DateTimeOffset GeneratedAt, long LedgerPosition, StatementLanguage Language)
{
    /// <summary>The words of <see cref="Language"/>.</summary>
    public StatementLabels Labels => StatementLabels.For(Language);

    /// <summary>A time shown in the community's zone, to the second.</summary>
    public string LocalTime(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, CommunityCalendar.Zone(Statement.TimeZone))
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Points with their sign: <c>+10</c>, <c>-20</c>, <c>0</c>.</summary>
    public static string Signed(long points) => points > 0
        ? "+" + points.ToString(CultureInfo.InvariantCulture)
        : points.ToString(CultureInfo.InvariantCulture);

    /// <summary>A balance as a plain number.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kind of a line in words.</summary>
    public string KindOf(StatementLine line) => Labels.Kinds.GetValueOrDefault(line.Kind) ?? line.Kind.ToString();

    /// <summary>
    /// Why the points moved: the item's name, the activity's title, the goods; a correction names what it reverses,
    /// a deduction that stopped at zero says how much was due and how much the balance allowed, and a star level says
    /// which level was reached at what threshold.
    /// </summary>
    public string ReasonOf(StatementLine line) => line switch
    {
        { Kind: StatementLineKind.Correction } => Labels.CorrectionOf(line.Description),
        { Kind: StatementLineKind.StarLevel, Stars: { } stars, Threshold: { } threshold } => Labels.StarLevelReached(stars, threshold),
        { Kind: StatementLineKind.Deduction, Requested: { } due } when due != -line.Points =>
            Labels.Aside(line.Description, Labels.Shortfall(due, -line.Points)),
        _ => line.Description,
    };

    /// <summary>The remark of a line with what it is: a correction's reason, or an award's note; null when none.</summary>
    public string? RemarkOf(StatementLine line) => line.Note is not { Length: > 0 } note
        ? null
        : line.Kind == StatementLineKind.Correction ? Labels.ReasonIs(note) : Labels.NoteIs(note);

    /// <summary>
    /// The sponsors who funded points on this statement, with the points they funded net of corrections, in the order
    /// they first funded; a sponsor whose points were all taken back is not thanked.
    /// </summary>
    public IReadOnlyList<(string Sponsor, long Points)> Sponsors() =>
        [.. Statement.Lines.Where(l => l is { SponsorshipId: not null, FundedBy: not null })
            .GroupBy(l => l.FundedBy!).Select(g => (g.Key, g.Sum(l => l.Points))).Where(s => s.Item2 > 0)];
}
