using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.GetStarLevels;

/// <summary><c>GET /api/communities/{cid}/star-levels</c>: the star levels in force (none until the committee sets them).</summary>
public sealed record GetStarLevelsQuery(string CommunityId) : IRequest<Result<StarLevelsResponse>>;

/// <summary>Input rules of <see cref="GetStarLevelsQuery"/>.</summary>
public sealed class GetStarLevelsValidator : AbstractValidator<GetStarLevelsQuery>
{
    public GetStarLevelsValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Folds <c>community-{cid}</c>. Readable by admin, auditor and keys of that community.</summary>
public sealed class GetStarLevelsHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetStarLevelsQuery, Result<StarLevelsResponse>>
{
    public async Task<Result<StarLevelsResponse>> Handle(GetStarLevelsQuery query, CancellationToken cancellationToken) =>
        (await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken))
        .Map(StarLevelsResponse.From);
}
