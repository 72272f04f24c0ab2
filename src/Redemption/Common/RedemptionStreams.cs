namespace Redemption.Common;

/// <summary>
/// The supermarket's stream ids (docs/architecture.md). Ids are validated <c>[A-Za-z0-9_-]{1,64}</c> before they get
/// here, so <c>/</c> separates community and sku unambiguously.
/// </summary>
public static class RedemptionStreams
{
    /// <summary><c>catalog-{cid}/{sku}</c>: one catalogue item's versions, stock receipts, sales and returns.</summary>
    public static string CatalogItem(string communityId, string sku) => $"catalog-{communityId}/{sku}";

    /// <summary><c>redemption-{rid}</c>: one receipt, its cancellation and the fulfilment of its vouchers.</summary>
    public static string Redemption(string redemptionId) => $"redemption-{redemptionId}";
}
