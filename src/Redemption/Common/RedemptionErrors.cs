using Ledger.Common;

namespace Redemption.Common;

/// <summary>
/// The supermarket's problem slugs, one factory each (the ledger's own, such as <c>insufficient-points</c> and
/// <c>household-not-found</c>, come from <see cref="LedgerErrors"/>). Slugs are never reworded once released.
/// </summary>
public static class RedemptionErrors
{
    /// <summary>400: a redemption must carry an <c>Idempotency-Key</c>, so a retry on a flaky network never charges twice.</summary>
    public static LedgerError IdempotencyKeyRequired() =>
        new("idempotency-key-required", ErrorKind.Invalid, "Idempotency key required",
            "A redemption needs an Idempotency-Key header, so that a retried request never charges twice.");

    /// <summary>404: the community's catalogue has no such sku.</summary>
    public static LedgerError ItemNotFound(string communityId, string sku) =>
        new("catalog-item-not-found", ErrorKind.NotFound, "Catalogue item not found",
            $"Community '{communityId}' has no catalogue item '{sku}'.", Ext(("sku", sku)));

    /// <summary>409: the item was withdrawn and cannot be redeemed or withdrawn again.</summary>
    public static LedgerError ItemWithdrawn(string sku) =>
        new("item-withdrawn", ErrorKind.Conflict, "Item withdrawn",
            $"Catalogue item '{sku}' has been withdrawn.", Ext(("sku", sku)));

    /// <summary>409: not enough stock on hand (goods) or capacity left (services).</summary>
    public static LedgerError OutOfStock(string sku, long available, long requested) =>
        new("out-of-stock", ErrorKind.Conflict, "Out of stock",
            $"Only {available} of '{sku}' are available; {requested} were asked for.",
            Ext(("sku", sku), ("available", available), ("requested", requested)));

    /// <summary>409: an item's kind (goods or service) is fixed when it is first listed.</summary>
    public static LedgerError KindFixed(string sku, string kind) =>
        new("item-kind-fixed", ErrorKind.Conflict, "Item kind cannot change",
            $"Catalogue item '{sku}' is listed as {kind}; list another sku for the other kind.", Ext(("sku", sku), ("kind", kind)));

    /// <summary>409: stock is received for goods only; a service's capacity is set by revising the item.</summary>
    public static LedgerError NotGoods(string sku) =>
        new("item-not-goods", ErrorKind.Conflict, "Item is a service",
            $"Catalogue item '{sku}' is a service: it has capacity, not stock. Revise the item to change its capacity.",
            Ext(("sku", sku)));

    /// <summary>422: one entry carries at most 1,000,000 points.</summary>
    public static LedgerError TooManyPoints(long points) =>
        new("redemption-too-large", ErrorKind.Unprocessable, "Redemption too large",
            $"The redemption costs {points} points; one entry carries at most {LedgerRules.MaxPointsPerEntry}.",
            Ext(("points", points), ("max", LedgerRules.MaxPointsPerEntry)));

    /// <summary>404: no such redemption, or one of a community the caller cannot see.</summary>
    public static LedgerError RedemptionNotFound(string redemptionId) =>
        new("redemption-not-found", ErrorKind.NotFound, "Redemption not found",
            $"There is no redemption '{redemptionId}'.", Ext(("redemptionId", redemptionId)));

    /// <summary>409: the redemption was already cancelled.</summary>
    public static LedgerError AlreadyCancelled(string redemptionId) =>
        new("already-cancelled", ErrorKind.Conflict, "Redemption already cancelled",
            $"Redemption '{redemptionId}' has already been cancelled.", Ext(("redemptionId", redemptionId)));

    /// <summary>409: a voucher of the redemption was fulfilled, so the service was delivered and cannot be refunded.</summary>
    public static LedgerError VoucherFulfilled(string redemptionId, string voucherId) =>
        new("voucher-fulfilled", ErrorKind.Conflict, "Voucher already used",
            $"Voucher '{voucherId}' of redemption '{redemptionId}' has been fulfilled; a delivered service is not refunded.",
            Ext(("redemptionId", redemptionId), ("voucherId", voucherId)));

    /// <summary>404: no such voucher, or one of a community the caller cannot see.</summary>
    public static LedgerError VoucherNotFound(string voucherId) =>
        new("voucher-not-found", ErrorKind.NotFound, "Voucher not found",
            $"There is no voucher '{voucherId}'.", Ext(("voucherId", voucherId)));

    /// <summary>409: the voucher was already fulfilled.</summary>
    public static LedgerError VoucherAlreadyFulfilled(string voucherId) =>
        new("voucher-already-fulfilled", ErrorKind.Conflict, "Voucher already fulfilled",
            $"Voucher '{voucherId}' has already been fulfilled.", Ext(("voucherId", voucherId)));

    /// <summary>409: the voucher's redemption was cancelled, so the voucher is void.</summary>
    public static LedgerError RedemptionCancelled(string redemptionId, string voucherId) =>
        new("redemption-cancelled", ErrorKind.Conflict, "Redemption cancelled",
            $"Voucher '{voucherId}' is void: redemption '{redemptionId}' was cancelled.",
            Ext(("redemptionId", redemptionId), ("voucherId", voucherId)));

    private static IReadOnlyDictionary<string, object?> Ext(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
