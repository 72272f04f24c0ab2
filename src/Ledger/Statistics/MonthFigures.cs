namespace Ledger.Statistics;

/// <summary>One community's counters for one month (or a change to them): one row of <c>statistics_months</c>.</summary>
/// <param name="HouseholdsOpened">Households opened.</param>
/// <param name="Activities">Volunteer activities held (by the activity's date).</param>
/// <param name="Participations">Participations (人次): activity awards, less reversed ones.</param>
/// <param name="Issued">Points awarded, for items and for activities.</param>
/// <param name="Deducted">Points deducted (as applied).</param>
/// <param name="Corrected">Net points taken back by corrections (as on the household view; negative when they gave back).</param>
/// <param name="Redeemed">Points spent at the supermarket.</param>
/// <param name="Refunded">Points given back by cancelled redemptions.</param>
/// <param name="Redemptions">Receipts recorded at the supermarket (one points movement each).</param>
public readonly record struct MonthFigures(
    long HouseholdsOpened = 0, long Activities = 0, long Participations = 0, long Issued = 0, long Deducted = 0,
    long Corrected = 0, long Redeemed = 0, long Refunded = 0, long Redemptions = 0)
{
    /// <summary>The table's counter columns, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["households_opened", "activities", "participations", "issued", "deducted", "corrected", "redeemed", "refunded", "redemptions"];

    /// <summary>Points earned, as the leaderboard counts them: issued − deducted − corrected.</summary>
    public long Earned => Issued - Deducted - Corrected;

    /// <summary>The change to the sum of balances.</summary>
    public long BalanceChange => Earned - Redeemed + Refunded;

    /// <summary>The counters in the order of <see cref="Columns"/>.</summary>
    public object?[] Values() => [HouseholdsOpened, Activities, Participations, Issued, Deducted, Corrected, Redeemed, Refunded, Redemptions];

    /// <summary>Adds two changes.</summary>
    public static MonthFigures operator +(MonthFigures a, MonthFigures b) => new(
        a.HouseholdsOpened + b.HouseholdsOpened, a.Activities + b.Activities, a.Participations + b.Participations, a.Issued + b.Issued,
        a.Deducted + b.Deducted, a.Corrected + b.Corrected, a.Redeemed + b.Redeemed, a.Refunded + b.Refunded,
        a.Redemptions + b.Redemptions);
}
