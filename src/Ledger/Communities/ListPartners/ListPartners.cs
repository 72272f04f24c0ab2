using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.ListPartners;

/// <summary><c>GET /api/communities/{cid}/partners</c>: the community's partners, by id.</summary>
public sealed record ListPartnersQuery(string CommunityId) : IRequest<Result<PartnersResponse>>;

/// <summary>Input rules of <see cref="ListPartnersQuery"/>.</summary>
public sealed class ListPartnersValidator : AbstractValidator<ListPartnersQuery>
{
    public ListPartnersValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Folds <c>community-{cid}</c>; the endpoint narrows who may call it.</summary>
public sealed class ListPartnersHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListPartnersQuery, Result<PartnersResponse>>
{
    public async Task<Result<PartnersResponse>> Handle(ListPartnersQuery query, CancellationToken cancellationToken) =>
        (await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken))
        .Map(state => new PartnersResponse(
            state.CommunityId, [.. state.Partners.Values.Select(p => PartnerResponse.From(state.CommunityId, p))]));
}
