namespace Redemption.Redemptions;

/// <summary>What a voucher is now.</summary>
public enum VoucherStatus
{
    /// <summary>Issued and not used yet.</summary>
    Open,

    /// <summary>The service was delivered.</summary>
    Fulfilled,

    /// <summary>Void: its redemption was cancelled.</summary>
    Cancelled,
}

/// <summary>Whether a redemption still stands.</summary>
public enum RedemptionStatus
{
    /// <summary>Paid and standing.</summary>
    Completed,

    /// <summary>Cancelled: points refunded, goods returned.</summary>
    Cancelled,
}

/// <summary>A voucher as a receipt lists it.</summary>
/// <param name="VoucherId">Its id (<c>{redemptionId}-{n}</c>): what <c>POST /api/vouchers/{vid}/fulfil</c> takes.</param>
/// <param name="Sku">The service.</param>
/// <param name="Name">The service's name on the receipt.</param>
/// <param name="Status">Open, fulfilled or cancelled.</param>
/// <param name="FulfilledAt">When it was fulfilled.</param>
/// <param name="FulfilledBy">The principal id that fulfilled it.</param>
public sealed record ReceiptVoucher(
    string VoucherId, string Sku, string Name, VoucherStatus Status, DateTimeOffset? FulfilledAt = null, string? FulfilledBy = null);

/// <summary>The answer of a redemption (201): the receipt and the household's balance after it.</summary>
/// <param name="RedemptionId">The receipt's id (<c>GET /api/redemptions/{rid}</c>).</param>
/// <param name="CommunityId">The community.</param>
/// <param name="Passbook">The household.</param>
/// <param name="Member">Who redeemed.</param>
/// <param name="Points">Points taken.</param>
/// <param name="Balance">The household's balance after the redemption.</param>
/// <param name="Lines">One line per sku, prices pinned at the item's version.</param>
/// <param name="Vouchers">One voucher per unit of a service, all open.</param>
/// <param name="Clerk">The clerk's principal id.</param>
/// <param name="ClerkName">The clerk key's label.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Day">The community's calendar day of <paramref name="At"/>.</param>
public sealed record RedemptionResponse(
    string RedemptionId, string CommunityId, string Passbook, string Member, long Points, long Balance,
    IReadOnlyList<RedemptionLine> Lines, IReadOnlyList<ReceiptVoucher> Vouchers, string Clerk, string ClerkName,
    DateTimeOffset At, DateOnly Day);

/// <summary>How a redemption was cancelled.</summary>
public sealed record CancellationInfo(string Reason, string CancelledBy, string CancelledByName, DateTimeOffset At, DateOnly Day);

/// <summary><c>GET /api/redemptions/{rid}</c>: the receipt as it stands now.</summary>
/// <param name="RedemptionId">The receipt's id.</param>
/// <param name="CommunityId">The community.</param>
/// <param name="Passbook">The household.</param>
/// <param name="Member">Who redeemed.</param>
/// <param name="Points">Points taken.</param>
/// <param name="Status">Completed or cancelled.</param>
/// <param name="Lines">The lines.</param>
/// <param name="Vouchers">Vouchers with their current status.</param>
/// <param name="Clerk">The clerk's principal id.</param>
/// <param name="ClerkName">The clerk key's label.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Day">The community's day of <paramref name="At"/>.</param>
/// <param name="Cancellation">The cancellation, if cancelled.</param>
/// <param name="Version">The redemption stream's version (an ETag of the receipt).</param>
public sealed record RedemptionReceipt(
    string RedemptionId, string CommunityId, string Passbook, string Member, long Points, RedemptionStatus Status,
    IReadOnlyList<RedemptionLine> Lines, IReadOnlyList<ReceiptVoucher> Vouchers, string Clerk, string ClerkName,
    DateTimeOffset At, DateOnly Day, CancellationInfo? Cancellation, long Version)
{
    /// <summary>Builds the receipt from a folded redemption that exists.</summary>
    public static RedemptionReceipt From(RedemptionState state)
    {
        var r = state.Receipt ?? throw new ArgumentException("The redemption has no receipt.", nameof(state));
        var c = state.Cancellation;
        return new RedemptionReceipt(
            r.RedemptionId, r.CommunityId, r.Passbook, r.Member, r.Points, c is null ? RedemptionStatus.Completed : RedemptionStatus.Cancelled,
            r.Lines, VouchersOf(state), r.Clerk, r.ClerkName, r.At, r.Day,
            c is null ? null : new CancellationInfo(c.Reason, c.CancelledBy, c.CancelledByName, c.At, c.Day), state.Version);
    }

    /// <summary>Every voucher of the redemption with its status now.</summary>
    public static IReadOnlyList<ReceiptVoucher> VouchersOf(RedemptionState state) =>
        [.. (state.Receipt?.Lines ?? []).SelectMany(l => l.Vouchers.Select(v =>
            state.Fulfilled.TryGetValue(v, out var f) ? new ReceiptVoucher(v, l.Sku, l.Name, VoucherStatus.Fulfilled, f.At, f.FulfilledBy)
            : new ReceiptVoucher(v, l.Sku, l.Name, state.Cancellation is null ? VoucherStatus.Open : VoucherStatus.Cancelled)))];
}

/// <summary>The answer of a cancellation.</summary>
/// <param name="RedemptionId">The cancelled redemption.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="Passbook">The household refunded.</param>
/// <param name="Points">Points refunded.</param>
/// <param name="Balance">The household's balance after the refund.</param>
/// <param name="Returned">Units returned per line (goods back on the shelf, service capacity reopened).</param>
/// <param name="Cancellation">Who, when and why.</param>
public sealed record CancellationResponse(
    string RedemptionId, string CommunityId, string Passbook, long Points, long Balance, IReadOnlyList<RedemptionLine> Returned,
    CancellationInfo Cancellation);
