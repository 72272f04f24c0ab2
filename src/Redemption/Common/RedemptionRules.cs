namespace Redemption.Common;

/// <summary>The supermarket's input limits.</summary>
public static class RedemptionRules
{
    /// <summary>The most units of one sku in one redemption (after lines of the same sku are merged).</summary>
    public const int MaxQuantity = 1000;

    /// <summary>The most lines in one redemption: a counter basket, not a warehouse order.</summary>
    public const int MaxLines = 50;

    /// <summary>The most units one stock receipt or one listing's capacity may hold.</summary>
    public const long MaxStockQuantity = 1_000_000;

    /// <summary>The highest settlement price of one unit of a service: 1,000,000 fen (10,000 yuan).</summary>
    public const long MaxSettlementFen = 1_000_000;

    /// <summary>
    /// Retries of a redemption or cancellation that lost a race. Each lost round means another redemption of the same
    /// household or item landed, so a burst of 32 simultaneous redemptions for one household needs up to 31 rounds for
    /// the unluckiest; the ledger's default (12) would turn the tail of such a burst into 409s.
    /// </summary>
    public const int MaxAttempts = 40;
}
