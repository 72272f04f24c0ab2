using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Catalog.ReceiveStock;

/// <summary><c>POST /api/communities/{cid}/catalog/{sku}/stock</c> (committee, clerk): goods arrived.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Sku">The goods (from the route).</param>
/// <param name="Quantity">Units received: 1 to 1,000,000.</param>
/// <param name="Note">Optional remark, e.g. the donor.</param>
public sealed record ReceiveStockCommand(string CommunityId, string Sku, long Quantity, string? Note = null)
    : IRequest<Result<CatalogItemResponse>>;

/// <summary>Input rules of <see cref="ReceiveStockCommand"/>.</summary>
public sealed class ReceiveStockValidator : AbstractValidator<ReceiveStockCommand>
{
    public ReceiveStockValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Sku).MustBeId();
        RuleFor(c => c.Quantity).InclusiveBetween(1, RedemptionRules.MaxStockQuantity);
        RuleFor(c => c.Note).MustBeOptionalText();
    }
}

/// <summary>Appends <c>StockReceived.v2</c> at the item's loaded version, so receipts and sales never lose each other.</summary>
public sealed class ReceiveStockHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<ReceiveStockCommand, Result<CatalogItemResponse>>
{
    public Task<Result<CatalogItemResponse>> Handle(ReceiveStockCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CatalogItemStream.Command(
                context.Principal, command.CommunityId, command.Sku, [Role.Committee, Role.Clerk], item => CatalogDecider.Decide(command, item)),
            cancellationToken);
}
