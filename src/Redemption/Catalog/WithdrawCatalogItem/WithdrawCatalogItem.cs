using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Catalog.WithdrawCatalogItem;

/// <summary><c>POST /api/communities/{cid}/catalog/{sku}/withdraw</c> (committee): takes an item off sale.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Sku">The item (from the route).</param>
/// <param name="Reason">Why (required, up to 500 characters).</param>
public sealed record WithdrawCatalogItemCommand(string CommunityId, string Sku, string Reason) : IRequest<Result<CatalogItemResponse>>;

/// <summary>Input rules of <see cref="WithdrawCatalogItemCommand"/>.</summary>
public sealed class WithdrawCatalogItemValidator : AbstractValidator<WithdrawCatalogItemCommand>
{
    public WithdrawCatalogItemValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Sku).MustBeId();
        RuleFor(c => c.Reason).MustBeText();
    }
}

/// <summary>
/// Appends <c>CatalogItemWithdrawn.v1</c> at the item's loaded version: a redemption deciding on the item before the
/// withdrawal loses its race and, retried, sees the item withdrawn.
/// </summary>
public sealed class WithdrawCatalogItemHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<WithdrawCatalogItemCommand, Result<CatalogItemResponse>>
{
    public Task<Result<CatalogItemResponse>> Handle(WithdrawCatalogItemCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CatalogItemStream.Command(
                context.Principal, command.CommunityId, command.Sku, [Role.Committee], item => CatalogDecider.Decide(command, item)),
            cancellationToken);
}
