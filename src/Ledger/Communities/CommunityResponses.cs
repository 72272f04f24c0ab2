namespace Ledger.Communities;

/// <summary>A community as the API shows it, with counts from the community directory.</summary>
/// <param name="Id">The community's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="District">Its district.</param>
/// <param name="Street">Its street.</param>
/// <param name="TimeZone">The IANA zone of its calendar.</param>
/// <param name="DeductionPolicy">What a deduction larger than the balance does.</param>
/// <param name="Households">Households opened in it.</param>
/// <param name="PointsItems">Distinct points items defined (not versions).</param>
/// <param name="Activities">Volunteer activities scheduled.</param>
/// <param name="Participations">Participations (人次) awarded across its activities.</param>
public sealed record CommunityResponse(
    string Id, string Name, string District, string Street, string TimeZone, DeductionPolicy DeductionPolicy,
    long Households, long PointsItems, long Activities, long Participations)
{
    /// <summary>Builds the response from the folded stream and the directory's counts.</summary>
    public static CommunityResponse From(CommunityState state, long households, long pointsItems, long activities, long participations) =>
        new(state.CommunityId, state.Name, state.District, state.Street, state.TimeZone, state.DeductionPolicy,
            households, pointsItems, activities, participations);
}

/// <summary>One version of a points item.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="RuleId">The item's id.</param>
/// <param name="Version">The version this describes (the current one in listings).</param>
/// <param name="Name">Its name.</param>
/// <param name="Category">Its category.</param>
/// <param name="Points">Positive earns, negative deducts.</param>
/// <param name="MonthlyCap">Most points per household per calendar month, if limited.</param>
/// <param name="DefinedAt">When this version was recorded.</param>
/// <param name="Changed">Only in the answer to a definition: true when it recorded a new version, false when the same definition was already in force and nothing changed (the API answers 201 or 200 by it, and a replay carries it unchanged). Absent in listings.</param>
public sealed record PointsItemResponse(
    string CommunityId, string RuleId, int Version, string Name, string Category, long Points, long? MonthlyCap, DateTimeOffset DefinedAt,
    bool? Changed = null)
{
    /// <summary>Builds the response from a folded item.</summary>
    public static PointsItemResponse From(string communityId, PointsItem item) =>
        new(communityId, item.RuleId, item.Version, item.Name, item.Category, item.Points, item.MonthlyCap, item.DefinedAt);
}

/// <summary>The deduction policy in force.</summary>
public sealed record DeductionPolicyResponse(string CommunityId, DeductionPolicy Policy);

/// <summary>The star levels (星级户) in force.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Version">The version of the setting; 0 when the committee has set none.</param>
/// <param name="Levels">The levels, one star first; empty when none are set.</param>
/// <param name="SetAt">When this version was recorded; null when none are set.</param>
/// <param name="Changed">Only in the answer to a setting: true when it recorded a new version, false when the same levels were already in force.</param>
public sealed record StarLevelsResponse(
    string CommunityId, int Version, IReadOnlyList<StarLevel> Levels, DateTimeOffset? SetAt, bool? Changed = null)
{
    /// <summary>Builds the response from a folded community.</summary>
    public static StarLevelsResponse From(CommunityState state) =>
        new(state.CommunityId, state.StarLevels.Version, state.StarLevels.Levels, state.StarLevels.SetAt);
}

/// <summary>A closed month (月结).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Period">The month, <c>yyyy-MM</c>.</param>
/// <param name="ClosedBy">The principal who closed it.</param>
/// <param name="ClosedAt">When (UTC): as recorded in the list; in the answer to closing, the time it was decided.</param>
public sealed record ClosedPeriodResponse(string CommunityId, string Period, string ClosedBy, DateTimeOffset ClosedAt)
{
    /// <summary>The response for <paramref name="closed"/>.</summary>
    public static ClosedPeriodResponse From(string communityId, ClosedPeriod closed) =>
        new(communityId, closed.Month, closed.ClosedBy, closed.ClosedAt);
}

/// <summary>The closed months of a community, oldest first.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="TimeZone">The zone whose calendar months these are.</param>
/// <param name="Closed">The closed months.</param>
public sealed record ClosedPeriodsResponse(string CommunityId, string TimeZone, IReadOnlyList<ClosedPeriodResponse> Closed);

/// <summary>A community's expiry policy (积分有效期).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Version">The policy's version; 0 when the committee has set none (nothing expires).</param>
/// <param name="Rule"><c>none</c> or <c>end-of-year</c>.</param>
/// <param name="AfterYears">N of <c>end-of-year</c>: points earned in year Y expire at the end of 31 December of Y + N.</param>
/// <param name="TimeZone">The zone whose 31 December it is.</param>
/// <param name="SetAt">When this version was recorded; null for version 0.</param>
/// <param name="Changed">Only in the answer to a setting: true when it recorded a new version.</param>
public sealed record ExpiryPolicyResponse(
    string CommunityId, int Version, string Rule, int? AfterYears, string TimeZone, DateTimeOffset? SetAt, bool? Changed = null)
{
    /// <summary>Builds the response from a folded community.</summary>
    public static ExpiryPolicyResponse From(CommunityState state) =>
        new(state.CommunityId, state.ExpiryPolicy.Version, state.ExpiryPolicy.Rule, state.ExpiryPolicy.AfterYears, state.TimeZone,
            state.ExpiryPolicy.SetAt);
}
