using System.Reflection;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Catalog;
using Redemption.Partners;
using Redemption.Redemptions;
using Redemption.Statistics;
using Redemption.Vouchers;

namespace Redemption;

/// <summary>What a composition root needs to wire the supermarket: its assembly and its inline read models.</summary>
public static class RedemptionModule
{
    /// <summary>The assembly holding the supermarket's events, MediatR handlers and validators.</summary>
    public static Assembly Assembly => typeof(RedemptionModule).Assembly;

    /// <summary>
    /// The read models to pass in <see cref="EventStoreOptions.InlineProjections"/> beside the ledger's: the counter
    /// reads its own writes from them (stock left, open vouchers, the clerk's shift).
    /// </summary>
    public static IReadOnlyList<IProjection> InlineProjections() =>
        [new CatalogProjection(), new RedemptionLogProjection(), new VoucherProjection(), new PartnerVoucherProjection()];

    /// <summary>The read models to give <see cref="ProjectionDaemon"/>: they follow the feed behind a checkpoint.</summary>
    public static IReadOnlyList<IProjection> AsyncProjections() => [new SkuStatisticsProjection()];
}
