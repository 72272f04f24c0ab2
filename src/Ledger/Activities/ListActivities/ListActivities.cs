using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Projections;
using MediatR;

namespace Ledger.Activities.ListActivities;

/// <summary><c>GET /api/communities/{cid}/activities</c>: every volunteer activity of the community, the latest date first.</summary>
public sealed record ListActivitiesQuery(string CommunityId) : IRequest<Result<ActivityListResponse>>;

/// <summary>The answer of <see cref="ListActivitiesQuery"/>.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Activities">Its activities with their participations so far.</param>
public sealed record ActivityListResponse(string CommunityId, IReadOnlyList<ActivitySummary> Activities);

/// <summary>Input rules of <see cref="ListActivitiesQuery"/>.</summary>
public sealed class ListActivitiesValidator : AbstractValidator<ListActivitiesQuery>
{
    public ListActivitiesValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Answers from the <c>activity_list</c> read model (inline, so never behind the ledger).</summary>
public sealed class ListActivitiesHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListActivitiesQuery, Result<ActivityListResponse>>
{
    public async Task<Result<ActivityListResponse>> Handle(ListActivitiesQuery query, CancellationToken cancellationToken)
    {
        var community = await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken);
        return community.IsSuccess
            ? new ActivityListResponse(query.CommunityId, await ActivityList.ReadAsync(readModels, query.CommunityId, cancellationToken))
            : community.Error;
    }
}
