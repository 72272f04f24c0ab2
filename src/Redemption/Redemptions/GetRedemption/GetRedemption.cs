using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Redemptions.GetRedemption;

/// <summary><c>GET /api/redemptions/{rid}</c>: the receipt as it stands, with its vouchers and any cancellation.</summary>
public sealed record GetRedemptionQuery(string RedemptionId) : IRequest<Result<RedemptionReceipt>>;

/// <summary>Input rules of <see cref="GetRedemptionQuery"/>.</summary>
public sealed class GetRedemptionValidator : AbstractValidator<GetRedemptionQuery>
{
    public GetRedemptionValidator() => RuleFor(q => q.RedemptionId).MustBeId();
}

/// <summary>Folds <c>redemption-{rid}</c>. A redemption of a community the caller cannot read is answered as not found.</summary>
public sealed class GetRedemptionHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetRedemptionQuery, Result<RedemptionReceipt>>
{
    public async Task<Result<RedemptionReceipt>> Handle(GetRedemptionQuery query, CancellationToken cancellationToken)
    {
        var stream = await StreamLoader.LoadAsync(store, registry, RedemptionStreams.Redemption(query.RedemptionId), null, cancellationToken);
        var state = stream.Fold(RedemptionState.Initial, RedemptionState.Evolve);
        return state.Receipt is { } receipt && context.Principal.CanRead(receipt.CommunityId)
            ? RedemptionReceipt.From(state)
            : RedemptionErrors.RedemptionNotFound(query.RedemptionId);
    }
}
