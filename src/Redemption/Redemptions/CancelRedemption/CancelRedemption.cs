using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Redemptions.CancelRedemption;

/// <summary><c>POST /api/redemptions/{rid}/cancel</c> (clerk, committee): refunds the points and returns the units.</summary>
/// <param name="RedemptionId">The redemption (from the route).</param>
/// <param name="Reason">Why (required, up to 500 characters).</param>
public sealed record CancelRedemptionCommand(string RedemptionId, string Reason) : IRequest<Result<CancellationResponse>>;

/// <summary>Input rules of <see cref="CancelRedemptionCommand"/>.</summary>
public sealed class CancelRedemptionValidator : AbstractValidator<CancelRedemptionCommand>
{
    public CancelRedemptionValidator()
    {
        RuleFor(c => c.RedemptionId).MustBeId();
        RuleFor(c => c.Reason).MustBeText();
    }
}

/// <summary>
/// Appends <c>RedemptionCancelled.v1</c>, the household's refund (<c>PointsRefunded.v1</c>, as the ledger's
/// <see cref="Ledger.Households.HouseholdBalance.Refund"/> decided it) and each item's
/// <c>CatalogItemReturned.v1</c> in one transaction. The receipt's stream version guards it: two cancellations, or a
/// cancellation and a voucher's fulfilment, cannot both land. A redemption of a community the caller cannot see is
/// answered as not found; one it can see but not change (an auditor) is forbidden.
/// </summary>
public sealed class CancelRedemptionHandler(
    IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context, RedemptionStreamCaches caches)
    : IRequestHandler<CancelRedemptionCommand, Result<CancellationResponse>>
{
    public Task<Result<CancellationResponse>> Handle(CancelRedemptionCommand command, CancellationToken cancellationToken)
    {
        return new CommandService(store, registry, clock, context, caches).RunAsync(
            new MultiStreamCommand<CancellationResponse>((session, ct) => AttemptAsync(command, session, ct))
            {
                MaxAttempts = RedemptionRules.MaxAttempts,
            },
            cancellationToken);
    }

    private async Task<Result<CancellationResponse>> AttemptAsync(CancelRedemptionCommand command, StreamSession session, CancellationToken ct)
    {
        var redemption = await session.LoadAsync(
            RedemptionStreams.Redemption(command.RedemptionId), RedemptionState.Initial, RedemptionState.Evolve, ct);
        if (redemption.State.Receipt is not { } receipt || !context.Principal.CanRead(receipt.CommunityId))
        {
            return RedemptionErrors.RedemptionNotFound(command.RedemptionId);
        }

        if (Access.Act(context.Principal, receipt.CommunityId, Role.Clerk, Role.Committee) is { } denied)
        {
            return denied;
        }

        // Only its time zone, fixed at registration: no read once the cache has seen the community registered.
        var community = (await caches.LoadSettledAsync(session, caches.Communities, StreamIds.Community(receipt.CommunityId), c => c.Exists, ct)).State;
        var household = await caches.LoadToAppendAsync(session, caches.Households, StreamIds.Household(receipt.Passbook), ct);
        var decided = RedemptionDecider.Decide(
            command, redemption.State, household.State, new DecisionContext(session.Principal, context.Principal.Label, session.Now),
            community.TimeZone);
        if (!decided.IsSuccess)
        {
            return decided.Error;
        }

        var decision = decided.Value;
        session.Append(redemption, [decision.Cancellation]);
        var refunded = session.Append(household, decision.Refund);
        foreach (var returned in decision.Items)
        {
            var item = await caches.LoadToAppendAsync(session, caches.Items, RedemptionStreams.CatalogItem(returned.CommunityId, returned.Sku), ct);
            session.Append(item, [returned]);
        }

        var c = decision.Cancellation;
        return new CancellationResponse(
            c.RedemptionId, c.CommunityId, c.Passbook, c.Points, refunded.State.Balance,
            receipt.Lines, new CancellationInfo(c.Reason, c.CancelledBy, c.CancelledByName, c.At, c.Day));
    }
}
