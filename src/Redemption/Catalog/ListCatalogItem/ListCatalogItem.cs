using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Catalog.ListCatalogItem;

/// <summary>
/// <c>POST /api/communities/{cid}/catalog</c> (committee): lists an item, or revises its name, price or capacity as a
/// new version. Stock sent with it is received too.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Sku">The item's id.</param>
/// <param name="Name">Its name, up to 100 characters.</param>
/// <param name="Kind">Goods or service; required, and fixed once listed.</param>
/// <param name="Points">Price of one unit: 1 to 1,000,000.</param>
/// <param name="Stock">Goods only: units received with the listing.</param>
/// <param name="Capacity">Services only: total units that may be taken; null is unlimited.</param>
/// <param name="ProviderId">Services only: the registered partner who provides it.</param>
/// <param name="SettlementFen">With <paramref name="ProviderId"/> (and only with it): fen the community pays per unit served, 0 or more.</param>
public sealed record ListCatalogItemCommand(
    string CommunityId, string Sku, string Name, CatalogItemKind? Kind, long Points, long? Stock = null, long? Capacity = null,
    string? ProviderId = null, long? SettlementFen = null)
    : IRequest<Result<CatalogItemResponse>>;

/// <summary>Input rules of <see cref="ListCatalogItemCommand"/>.</summary>
public sealed class ListCatalogItemValidator : AbstractValidator<ListCatalogItemCommand>
{
    public ListCatalogItemValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Sku).MustBeId();
        RuleFor(c => c.Name).MustBeName();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Points).InclusiveBetween(1, LedgerRules.MaxPointsPerEntry);
        RuleFor(c => c.Stock)
            .Must(s => s is null or >= 0 and <= RedemptionRules.MaxStockQuantity)
            .WithMessage($"'Stock' must be 0 to {RedemptionRules.MaxStockQuantity:N0}.")
            .Must((c, s) => s is null || c.Kind == CatalogItemKind.Goods)
            .WithMessage("'Stock' applies to goods only; a service has a capacity.");
        RuleFor(c => c.Capacity)
            .Must(s => s is null or >= 1 and <= RedemptionRules.MaxStockQuantity)
            .WithMessage($"'Capacity' must be 1 to {RedemptionRules.MaxStockQuantity:N0}, or left out for unlimited.")
            .Must((c, s) => s is null || c.Kind == CatalogItemKind.Service)
            .WithMessage("'Capacity' applies to services only; goods have stock.");
        RuleFor(c => c.ProviderId!)
            .MustBeId()
            .Must((c, _) => c.Kind == CatalogItemKind.Service).WithMessage("'Provider Id' applies to services only.")
            .When(c => c.ProviderId is not null);
        RuleFor(c => c.SettlementFen)
            .Must((c, fen) => c.ProviderId is null ? fen is null : fen is >= 0 and <= RedemptionRules.MaxSettlementFen)
            .WithMessage($"'Settlement Fen' goes with a providerId: 0 to {RedemptionRules.MaxSettlementFen:N0} fen per unit.");
    }
}

/// <summary>Loads the community (it must exist) and the item, decides, and appends at the item's loaded version.</summary>
public sealed class ListCatalogItemHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<ListCatalogItemCommand, Result<CatalogItemResponse>>
{
    public Task<Result<CatalogItemResponse>> Handle(ListCatalogItemCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CatalogItemStream.Command(context.Principal, command.CommunityId, command.Sku, [Role.Committee], async (session, item, ct) =>
            {
                var community = await session.LoadAsync(
                    StreamIds.Community(command.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct);
                return CatalogDecider.Decide(command, item, community.State);
            }),
            cancellationToken);
}
