using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Activities.GetActivity;

/// <summary>
/// An activity with its participants (for the committee console's tick list). Not in the v1 HTTP table;
/// suggested route <c>GET /api/communities/{cid}/activities/{aid}</c>.
/// </summary>
public sealed record GetActivityQuery(string CommunityId, string ActivityId) : IRequest<Result<ActivityResponse>>;

/// <summary>Input rules of <see cref="GetActivityQuery"/>.</summary>
public sealed class GetActivityValidator : AbstractValidator<GetActivityQuery>
{
    public GetActivityValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.ActivityId).MustBeId();
    }
}

/// <summary>Folds <c>activity-{cid}/{aid}</c>. Readable by admin, auditor and keys of that community.</summary>
public sealed class GetActivityHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetActivityQuery, Result<ActivityResponse>>
{
    public async Task<Result<ActivityResponse>> Handle(GetActivityQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var stream = await StreamLoader.LoadAsync(
            store, registry, StreamIds.Activity(query.CommunityId, query.ActivityId), null, cancellationToken);
        var state = stream.Fold(ActivityState.Initial, ActivityDecider.Evolve);
        return state.Exists ? ActivityResponse.From(state) : LedgerErrors.ActivityNotFound(query.CommunityId, query.ActivityId);
    }
}
