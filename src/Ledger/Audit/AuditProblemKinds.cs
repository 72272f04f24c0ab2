namespace Ledger.Audit;

/// <summary>The stable kinds an <see cref="AuditProblem"/> carries; clients and scripts may match on them.</summary>
public static class AuditProblemKinds
{
    /// <summary>An event's bytes no longer match its hash.</summary>
    public const string Changed = "changed";

    /// <summary>A version is missing from a stream.</summary>
    public const string Missing = "missing";

    /// <summary>Events of a stream are out of order.</summary>
    public const string Reordered = "reordered";

    /// <summary>An event that was never appended sits in a stream (its chain does not follow).</summary>
    public const string Inserted = "inserted";

    /// <summary>A stream ends before the version the store recorded for it.</summary>
    public const string Truncated = "truncated";

    /// <summary>A community's issued, deducted, corrected, redeemed and refunded points do not add up to its balances.</summary>
    public const string PointsNotConserved = "points-not-conserved";

    /// <summary>An item's received, redeemed and returned stock does not add up to its stock on hand.</summary>
    public const string StockNotConserved = "stock-not-conserved";

    /// <summary>A balance went below zero through something other than a correction.</summary>
    public const string NegativeBalance = "negative-balance";

    /// <summary>A sponsor's points budget was drawn beyond what it gave.</summary>
    public const string SponsorshipOverdrawn = "sponsorship-overdrawn";

    /// <summary>A community's points issued do not split into community-funded and what sponsors' budgets drew.</summary>
    public const string FundingNotSplit = "funding-not-split";

    /// <summary>Donated goods and the item's stock receipts credited to the donor disagree.</summary>
    public const string DonationNotReceived = "donation-not-received";

    /// <summary>A read model differs from a fresh replay.</summary>
    public const string ProjectionDiffers = "projection-differs";

    /// <summary>A published honour roll differs from the leaderboard recomputed at its recorded position.</summary>
    public const string HonorRollDiffers = "honor-roll-differs";

    /// <summary>A <c>PointsExpired</c> that does not follow from the household's lots before it.</summary>
    public const string ExpiryUnfounded = "expiry-unfounded";
    /// <summary>
    /// A partner's settlement differs from the vouchers of its services fulfilled, or a fulfilment names a voucher no
    /// receipt issued, one fulfilled before, or one of a cancelled redemption.
    /// </summary>
    public const string SettlementDiffers = "settlement-differs";
}
