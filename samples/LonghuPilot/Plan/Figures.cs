namespace LonghuPilot.Plan;

/// <summary>
/// The figures the pilot is judged by, as the sample sent them: what the district (or one community) statistics of the
/// server must show for period <c>all</c>.
/// </summary>
/// <param name="Households">Households opened; every one of them takes part in at least one activity.</param>
/// <param name="PointsIssued">Awards plus activity points, before any correction.</param>
/// <param name="PointsDeducted">Deductions (扣分) applied.</param>
/// <param name="PointsCorrected">Awards taken back by corrections.</param>
/// <param name="PointsRedeemed">Points paid at the supermarket, cancelled redemptions included.</param>
/// <param name="PointsRefunded">Points given back by cancelled redemptions.</param>
/// <param name="Redemptions">Redemptions made, cancelled ones included.</param>
/// <param name="Cancelled">Redemptions cancelled.</param>
public sealed record Figures(
    long Activities, long Participations, long Households, long PointsIssued, long PointsDeducted, long PointsCorrected,
    long PointsRedeemed, long PointsRefunded, long Redemptions, long Cancelled)
{
    /// <summary>The points the households hold between them.</summary>
    public long PointsOutstanding => PointsIssued - PointsDeducted - PointsCorrected - PointsRedeemed + PointsRefunded;

    /// <summary>All figures added up.</summary>
    public static Figures Sum(IEnumerable<Figures> parts) => parts.Aggregate(
        new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (a, b) => new Figures(
            a.Activities + b.Activities, a.Participations + b.Participations, a.Households + b.Households,
            a.PointsIssued + b.PointsIssued, a.PointsDeducted + b.PointsDeducted, a.PointsCorrected + b.PointsCorrected,
            a.PointsRedeemed + b.PointsRedeemed, a.PointsRefunded + b.PointsRefunded, a.Redemptions + b.Redemptions,
            a.Cancelled + b.Cancelled));
}
