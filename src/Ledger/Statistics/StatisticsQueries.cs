using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;
using Ledger.Leaderboards.GetLeaderboard;
using MediatR;

namespace Ledger.Statistics;

/// <summary><c>GET /api/communities/{cid}/stats?period=</c>: a community's figures (without the supermarket's per-sku lines).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Period"><c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c> or <c>all</c>.</param>
public sealed record GetCommunityStatsQuery(string CommunityId, string Period = "all") : IRequest<Result<CommunityStatsResponse>>;

/// <summary><c>GET /api/districts/{district}/stats?period=</c>: the district's communities' figures and their sums.</summary>
/// <param name="District">The district, as communities were registered with it.</param>
/// <param name="Period">The period.</param>
public sealed record GetDistrictStatsQuery(string District, string Period = "all") : IRequest<Result<DistrictStatsResponse>>;

/// <summary><c>GET /api/districts/{district}/leaderboard?period=&amp;top=&amp;by=</c>: the district's communities ranked.</summary>
/// <param name="District">The district.</param>
/// <param name="Period">The period.</param>
/// <param name="Top">Ranks to keep (1 to 1000); null for all. A tie at the boundary is kept whole.</param>
/// <param name="By"><c>points</c> (per household, the default) or <c>participations</c>.</param>
public sealed record GetDistrictLeaderboardQuery(string District, string Period = "all", int? Top = null, string By = "points")
    : IRequest<Result<DistrictLeaderboardResponse>>;

/// <summary>Input rules of <see cref="GetCommunityStatsQuery"/>.</summary>
public sealed class GetCommunityStatsValidator : AbstractValidator<GetCommunityStatsQuery>
{
    public GetCommunityStatsValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Period).MustBePeriod();
    }
}

/// <summary>Input rules of <see cref="GetDistrictStatsQuery"/>.</summary>
public sealed class GetDistrictStatsValidator : AbstractValidator<GetDistrictStatsQuery>
{
    public GetDistrictStatsValidator()
    {
        RuleFor(q => q.District).MustBeName();
        RuleFor(q => q.Period).MustBePeriod();
    }
}

/// <summary>Input rules of <see cref="GetDistrictLeaderboardQuery"/>.</summary>
public sealed class GetDistrictLeaderboardValidator : AbstractValidator<GetDistrictLeaderboardQuery>
{
    public GetDistrictLeaderboardValidator()
    {
        RuleFor(q => q.District).MustBeName();
        RuleFor(q => q.Period).MustBePeriod();
        RuleFor(q => q.Top).InclusiveBetween(1, GetLeaderboardValidator.MaxTop).When(q => q.Top is not null);
        RuleFor(q => q.By).Must(DistrictRanking.IsKnown).WithMessage("'By' must be 'points' or 'participations'.");
    }
}

/// <summary>The period rule the leaderboards and statistics share.</summary>
internal static class PeriodRule
{
    public static IRuleBuilderOptions<T, string> MustBePeriod<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(LeaderboardPeriod.IsValid).WithMessage("'Period' must be a month (2025-03), a quarter (2025-Q1), a year (2025) or 'all'.");
}

/// <summary>Committee keys of the community and auditors (the endpoint narrows the roles); read from the projection.</summary>
public sealed class GetCommunityStatsHandler(IReadModelStore store, ICommandContext context)
    : IRequestHandler<GetCommunityStatsQuery, Result<CommunityStatsResponse>>
{
    public async Task<Result<CommunityStatsResponse>> Handle(GetCommunityStatsQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        if (await StatisticsReadModel.FindCommunityAsync(store, query.CommunityId, cancellationToken) is not { } community)
        {
            return LedgerErrors.CommunityNotFound(query.CommunityId);
        }

        var period = LeaderboardPeriod.Parse(query.Period)!;
        var figures = await StatisticsReadModel.ReadAsync(store, [community], period, cancellationToken);
        return CommunityStatsResponse.Of(figures[0], period);
    }
}

/// <summary>Committee keys of a community in the district and auditors; read from the projection.</summary>
public sealed class GetDistrictStatsHandler(IReadModelStore store, ICommandContext context)
    : IRequestHandler<GetDistrictStatsQuery, Result<DistrictStatsResponse>>
{
    public async Task<Result<DistrictStatsResponse>> Handle(GetDistrictStatsQuery query, CancellationToken cancellationToken)
    {
        var communities = await StatisticsReadModel.DistrictAsync(store, query.District, cancellationToken);
        if (DistrictAccess.Check(context.Principal, query.District, communities) is { } error)
        {
            return error;
        }

        var period = LeaderboardPeriod.Parse(query.Period)!;
        var each = (await StatisticsReadModel.ReadAsync(store, communities, period, cancellationToken))
            .Select(f => CommunityStatsResponse.Of(f, period)).ToList();
        return new DistrictStatsResponse(
            query.District, period.Text, each.Count, each.Sum(c => c.Activities), each.Sum(c => c.Participations), each.Sum(c => c.Households),
            each.Sum(c => c.PointsIssued), each.Sum(c => c.PointsDeducted), each.Sum(c => c.PointsCorrected), each.Sum(c => c.PointsRedeemed),
            each.Sum(c => c.PointsRefunded), each.Sum(c => c.PointsOutstanding), each.Sum(c => c.Redemptions), each);
    }
}

/// <summary>Committee keys of a community in the district and auditors; read from the projection.</summary>
public sealed class GetDistrictLeaderboardHandler(IReadModelStore store, ICommandContext context)
    : IRequestHandler<GetDistrictLeaderboardQuery, Result<DistrictLeaderboardResponse>>
{
    public async Task<Result<DistrictLeaderboardResponse>> Handle(GetDistrictLeaderboardQuery query, CancellationToken cancellationToken)
    {
        var communities = await StatisticsReadModel.DistrictAsync(store, query.District, cancellationToken);
        if (DistrictAccess.Check(context.Principal, query.District, communities) is { } error)
        {
            return error;
        }

        var period = LeaderboardPeriod.Parse(query.Period)!;
        var figures = await StatisticsReadModel.ReadAsync(store, communities, period, cancellationToken);
        return new DistrictLeaderboardResponse(query.District, period.Text, query.By, DistrictRanking.Rank(figures, query.By, query.Top));
    }
}

/// <summary>Who may read a district: auditors and admins, and committee keys of one of its communities.</summary>
internal static class DistrictAccess
{
    public static LedgerError? Check(Principal principal, string district, IReadOnlyList<StatisticsCommunity> communities) =>
        communities.Count == 0 ? StatisticsErrors.DistrictNotFound(district)
        : principal.Role is Role.Auditor or Role.Admin || communities.Any(c => c.CommunityId == principal.CommunityId) ? null
        : LedgerErrors.Forbidden($"This key acts for community '{principal.CommunityId}', which is not in district '{district}'.");
}

/// <summary>The problems only statistics answer with.</summary>
public static class StatisticsErrors
{
    /// <summary>404: no community is registered in this district.</summary>
    public static LedgerError DistrictNotFound(string district) =>
        new("district-not-found", ErrorKind.NotFound, "District not found", $"No community is registered in district '{district}'.",
            new Dictionary<string, object?> { ["district"] = district });
}
