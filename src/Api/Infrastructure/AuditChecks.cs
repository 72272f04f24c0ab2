using Ledger.Audit;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Audit;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The checks of the auditor's replay, composed once for <c>GET /api/audit/verify</c> and the <c>verify</c> verb. Checks
/// hold the state of one run, so each run gets new ones.
/// </summary>
public sealed class AuditChecks(ILedgerStore store, EventTypeRegistry registry, ProjectionDaemon projections)
{
    /// <summary>A fresh set of every check.</summary>
    public IReadOnlyList<IAuditCheck> Create() =>
    [
        new HashChainCheck(store),
        new PointsConservationCheck(registry),
        new NegativeBalanceCheck(registry),
        new ExpiryCheck(registry),
        new StockConservationCheck(store),
        new SponsorshipFundingCheck(),
        new DonatedGoodsCheck(),
        new SettlementCheck(store),
        new HonorRollCheck(store, registry),
        new ProjectionsCheck(projections),
    ];

    /// <summary>A replay of the ledger through a fresh set of every check.</summary>
    public AuditReplay Replay() => new(store, Create());
}
