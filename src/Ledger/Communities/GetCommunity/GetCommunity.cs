using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Projections;
using MediatR;

namespace Ledger.Communities.GetCommunity;

/// <summary><c>GET /api/communities/{cid}</c>: the community with its counts.</summary>
public sealed record GetCommunityQuery(string CommunityId) : IRequest<Result<CommunityResponse>>;

/// <summary>Input rules of <see cref="GetCommunityQuery"/>.</summary>
public sealed class GetCommunityValidator : AbstractValidator<GetCommunityQuery>
{
    public GetCommunityValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>
/// Folds <c>community-{cid}</c> for its details and reads the counts from the community directory (which
/// must be registered as an inline projection). Readable by admin, auditor and keys of that community.
/// </summary>
public sealed class GetCommunityHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetCommunityQuery, Result<CommunityResponse>>
{
    public async Task<Result<CommunityResponse>> Handle(GetCommunityQuery query, CancellationToken cancellationToken)
    {
        var read = await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var state = read.Value;
        var counts = await CommunityDirectory.ReadAsync(readModels, query.CommunityId, cancellationToken);
        return CommunityResponse.From(state, counts.Households, counts.PointsItems, counts.Activities, counts.Participations);
    }
}
