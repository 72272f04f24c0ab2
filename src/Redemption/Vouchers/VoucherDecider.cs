using Ledger.Common;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Vouchers.FulfilVoucher;

namespace Redemption.Vouchers;

/// <summary>The pure rules of a voucher, which lives on its redemption's stream.</summary>
public static class VoucherDecider
{
    /// <summary>Fulfils a voucher of a standing redemption, once.</summary>
    public static Result<IReadOnlyList<IRedemptionEvent>> Decide(
        FulfilVoucherCommand command, RedemptionState state, DecisionContext context, string timeZone)
    {
        if (state.Receipt is not { } receipt || state.LineOf(command.VoucherId) is not { } line)
        {
            return RedemptionErrors.VoucherNotFound(command.VoucherId);
        }

        if (state.Cancellation is not null)
        {
            return RedemptionErrors.RedemptionCancelled(receipt.RedemptionId, command.VoucherId);
        }

        if (state.Fulfilled.ContainsKey(command.VoucherId))
        {
            return RedemptionErrors.VoucherAlreadyFulfilled(command.VoucherId);
        }

        return Result.Ok<IReadOnlyList<IRedemptionEvent>>([new VoucherFulfilled(
            receipt.RedemptionId, receipt.CommunityId, command.VoucherId, line.Sku, context.By, context.ByName, context.Now,
            CommunityCalendar.DateOf(context.Now, timeZone))]);
    }
}
