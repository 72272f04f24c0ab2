using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Redemption.Catalog.GetCatalog;

/// <summary><c>GET /api/communities/{cid}/catalog</c>: every item with its current price and what is left.</summary>
public sealed record GetCatalogQuery(string CommunityId) : IRequest<Result<CatalogResponse>>;

/// <summary><c>GET /api/communities/{cid}/catalog/{sku}</c>: one item.</summary>
public sealed record GetCatalogItemQuery(string CommunityId, string Sku) : IRequest<Result<CatalogItemResponse>>;

/// <summary>Input rules of <see cref="GetCatalogQuery"/>.</summary>
public sealed class GetCatalogValidator : AbstractValidator<GetCatalogQuery>
{
    public GetCatalogValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Input rules of <see cref="GetCatalogItemQuery"/>.</summary>
public sealed class GetCatalogItemValidator : AbstractValidator<GetCatalogItemQuery>
{
    public GetCatalogItemValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Sku).MustBeId();
    }
}

/// <summary>Reads the catalogue projection; readable by every key of the community, auditors and admins.</summary>
public sealed class GetCatalogHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetCatalogQuery, Result<CatalogResponse>>, IRequestHandler<GetCatalogItemQuery, Result<CatalogItemResponse>>
{
    public async Task<Result<CatalogResponse>> Handle(GetCatalogQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        // An empty catalogue and an unknown community are different answers (an auditor may mistype an id).
        var community = await StreamLoader.LoadAsync(store, registry, StreamIds.Community(query.CommunityId), null, cancellationToken);
        return community.Events.Count == 0
            ? LedgerErrors.CommunityNotFound(query.CommunityId)
            : new CatalogResponse(query.CommunityId, await CatalogProjection.QueryAsync(readModels, query.CommunityId, null, cancellationToken));
    }

    public async Task<Result<CatalogItemResponse>> Handle(GetCatalogItemQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var items = await CatalogProjection.QueryAsync(readModels, query.CommunityId, query.Sku, cancellationToken);
        return items.Count == 1 ? items[0] : Common.RedemptionErrors.ItemNotFound(query.CommunityId, query.Sku);
    }
}
