using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Redemption.Common;
using MediatR;

namespace Ledger.Redemption.Catalog.WithdrawCatalogItem;

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
    public Task<Result<CatalogItemResponse>> Handle(WithdrawCatalogItemCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<CatalogItemResponse>(denied));
        }

        return new StreamCommandRunner(store, registry, clock, context) { MaxAttempts = RedemptionRules.MaxAttempts }
            .RunAsync<CatalogItemResponse>(async (session, ct) =>
            {
                var item = await session.LoadAsync(
                    RedemptionStreams.CatalogItem(command.CommunityId, command.Sku), CatalogItemState.Initial, CatalogDecider.Evolve, ct);
                var decided = CatalogDecider.Decide(command, item.State);
                return decided.IsSuccess
                    ? CatalogItemResponse.From(session.Append(item, decided.Value).State)
                    : decided.Error;
            }, cancellationToken);
    }
}
