using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.ListPointsItems;

/// <summary><c>GET /api/communities/{cid}/rules</c>: the current version of every points item, by rule id.</summary>
public sealed record ListPointsItemsQuery(string CommunityId) : IRequest<Result<IReadOnlyList<PointsItemResponse>>>;

/// <summary>Input rules of <see cref="ListPointsItemsQuery"/>.</summary>
public sealed class ListPointsItemsValidator : AbstractValidator<ListPointsItemsQuery>
{
    public ListPointsItemsValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Folds <c>community-{cid}</c>. Readable by admin, auditor and keys of that community.</summary>
public sealed class ListPointsItemsHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListPointsItemsQuery, Result<IReadOnlyList<PointsItemResponse>>>
{
    public async Task<Result<IReadOnlyList<PointsItemResponse>>> Handle(ListPointsItemsQuery query, CancellationToken cancellationToken) =>
        (await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken))
        .Map(IReadOnlyList<PointsItemResponse> (state) => [.. state.CurrentItems.Select(i => PointsItemResponse.From(query.CommunityId, i))]);
}
