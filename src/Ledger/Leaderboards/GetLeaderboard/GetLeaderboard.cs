using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Leaderboards.GetLeaderboard;

/// <summary><c>GET /api/communities/{cid}/leaderboard?period=&amp;top=&amp;asOf=</c>: households ranked by net points earned.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Period"><c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c> or <c>all</c>.</param>
/// <param name="Top">Ranks to keep (1 to 1000); null for all.</param>
/// <param name="AsOf">Only events recorded at or before this time; null for now (answered from the projection).</param>
/// <param name="AtPosition">Only events at or below this global ledger position; null for now. Not with <paramref name="AsOf"/>.</param>
public sealed record GetLeaderboardQuery(
    string CommunityId, string Period = "all", int? Top = null, DateTimeOffset? AsOf = null, long? AtPosition = null)
    : IRequest<Result<LeaderboardResponse>>;

/// <summary>Input rules of <see cref="GetLeaderboardQuery"/>.</summary>
public sealed class GetLeaderboardValidator : AbstractValidator<GetLeaderboardQuery>
{
    /// <summary>The most ranks one request may ask for.</summary>
    public const int MaxTop = 1000;

    public GetLeaderboardValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Period).Must(LeaderboardPeriod.IsValid)
            .WithMessage("'Period' must be a month (2025-03), a quarter (2025-Q1), a year (2025) or 'all'.");
        RuleFor(q => q.Top).InclusiveBetween(1, MaxTop).When(q => q.Top is not null);
        RuleFor(q => q.AtPosition).MustBeLedgerCut(q => q.AsOf);
    }
}

/// <summary>
/// Any key that may read the community (its committee and clerks, auditors, admin). Without <c>asOf</c> the board
/// comes from the projection's buckets; with it, from the community's household streams folded up to that time.
/// </summary>
public sealed class GetLeaderboardHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetLeaderboardQuery, Result<LeaderboardResponse>>
{
    public async Task<Result<LeaderboardResponse>> Handle(GetLeaderboardQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        if (await LeaderboardReadModel.FindCommunityAsync(readModels, query.CommunityId, cancellationToken) is not { } community)
        {
            return LedgerErrors.CommunityNotFound(query.CommunityId);
        }

        var period = LeaderboardPeriod.Parse(query.Period)!;
        var points = (query.AsOf, query.AtPosition) switch
        {
            ({ } asOf, _) => await LeaderboardReadModel.FoldAsync(store, readModels, registry, community, period, e => e.RecordedAt <= asOf, cancellationToken),
            (_, { } at) => await LeaderboardReadModel.FoldAsync(store, readModels, registry, community, period, e => e.Position <= at, cancellationToken),
            _ => await LeaderboardReadModel.ReadAsync(readModels, query.CommunityId, period, cancellationToken),
        };
        var (start, end) = period.InstantsIn(community.TimeZone);
        return new LeaderboardResponse(
            query.CommunityId, period.Text, start, end, query.AsOf, points.Standings(query.Top), query.AtPosition);
    }
}
