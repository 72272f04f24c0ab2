using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Redemption.Common;
using Redemption.Redemptions;
using MediatR;

namespace Redemption.Vouchers.FulfilVoucher;

/// <summary>
/// <c>POST /api/vouchers/{vid}/fulfil</c> (clerk, committee of the voucher's community, or the partner providing the
/// service): the service was delivered.
/// </summary>
public sealed record FulfilVoucherCommand(string VoucherId) : IRequest<Result<VoucherResponse>>;

/// <summary>Input rules of <see cref="FulfilVoucherCommand"/>.</summary>
public sealed class FulfilVoucherValidator : AbstractValidator<FulfilVoucherCommand>
{
    public FulfilVoucherValidator() => RuleFor(c => c.VoucherId).MustBeId();
}

/// <summary>
/// Appends <c>VoucherFulfilled.v1</c> to the voucher's redemption stream at its loaded version, so a voucher is
/// fulfilled once and never after its redemption is cancelled, however the requests race.
/// </summary>
public sealed class FulfilVoucherHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<FulfilVoucherCommand, Result<VoucherResponse>>
{
    public Task<Result<VoucherResponse>> Handle(FulfilVoucherCommand command, CancellationToken cancellationToken)
    {
        if (!RedemptionIds.TryParseVoucher(command.VoucherId, out var redemptionId))
        {
            return Task.FromResult(Result.Fail<VoucherResponse>(RedemptionErrors.VoucherNotFound(command.VoucherId)));
        }

        return new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<VoucherResponse>(async (session, ct) =>
        {
            var redemption = await session.LoadAsync(
                RedemptionStreams.Redemption(redemptionId), RedemptionState.Initial, RedemptionState.Evolve, ct);
            if (redemption.State.Receipt is not { } receipt || !context.Principal.CanRead(receipt.CommunityId))
            {
                return RedemptionErrors.VoucherNotFound(command.VoucherId);
            }

            if (Access.Act(context.Principal, receipt.CommunityId, Role.Clerk, Role.Committee, Role.Partner) is { } denied)
            {
                return denied;
            }

            // A partner serves only the vouchers of services it provides; any other voucher is not there for it.
            if (context.Principal.Role == Role.Partner && redemption.State.LineOf(command.VoucherId) is { } sold)
            {
                var item = (await session.LoadAsync(RedemptionStreams.CatalogItem(receipt.CommunityId, sold.Sku), ct))
                    .Fold(Catalog.CatalogItemState.Initial, Catalog.CatalogItemState.Evolve);
                if (!context.Principal.IsPartner(receipt.CommunityId, item.Provisions.GetValueOrDefault(sold.ItemVersion)?.ProviderId))
                {
                    return RedemptionErrors.VoucherNotFound(command.VoucherId);
                }
            }

            var community = (await session.LoadAsync(StreamIds.Community(receipt.CommunityId), ct)).Fold(CommunityState.Initial, CommunityDecider.Evolve);
            var decided = VoucherDecider.Decide(
                command, redemption.State, new DecisionContext(session.Principal, context.Principal.Label, session.Now), community.TimeZone);
            if (!decided.IsSuccess)
            {
                return decided.Error;
            }

            var after = session.Append(redemption, decided.Value).State;
            var line = after.LineOf(command.VoucherId)!;
            var fulfilled = after.Fulfilled[command.VoucherId];
            return new VoucherResponse(
                command.VoucherId, receipt.RedemptionId, receipt.CommunityId, receipt.Passbook, receipt.Member, line.Sku, line.Name,
                VoucherStatus.Fulfilled, receipt.At, receipt.Clerk, fulfilled.At, fulfilled.FulfilledBy, fulfilled.FulfilledByName);
        }) { MaxAttempts = RedemptionRules.MaxAttempts }, cancellationToken);
    }
}
