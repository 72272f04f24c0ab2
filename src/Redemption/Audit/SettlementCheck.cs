using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Audit;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;
using Redemption.Catalog;
using Redemption.Partners;
using Redemption.Redemptions;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Audit;

/// <summary>
/// Per partner, the settlement equals the fulfilled vouchers. From the events alone: who provided each version of a
/// service and at what price (the item's stream), which vouchers each receipt issued at which version (the redemption
/// streams), and which were fulfilled when. Each fulfilment must name a voucher its receipt issued, once, and not after
/// the redemption was cancelled; and per community, partner, month and sku the count, points and fen recomputed so must
/// be what <c>partner_vouchers</c>, the read model the settlement is answered from, adds up to.
/// </summary>
public sealed class SettlementCheck(ILedgerStore store) : IAuditCheck
{
    private readonly Dictionary<(string Community, string Sku, int Version), ServiceProvision> _provisions = [];
    private readonly Dictionary<string, Voucher> _vouchers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);
    private readonly List<AuditProblem> _problems = [];
    private long _lastObserved;

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        _lastObserved = recorded.Position;
        try
        {
            Fold(recorded);
        }
        catch (JsonException)
        {
            // Only a change behind the store's back makes an event unreadable; the hash chain names it.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = await ReadModelSnapshot.TakeAsync(store, () => _lastObserved, Observe, ReadLiveAsync, cancellationToken);
        foreach (var problem in _problems)
        {
            yield return problem;
        }

        var replayed = _vouchers.Values.Where(v => v.Provision is not null && v.FulfilledMonth is not null)
            .GroupBy(v => new SettlementKey(v.Community, v.Provision!.ProviderId, v.FulfilledMonth!, v.Sku))
            .ToDictionary(g => g.Key, g => new Totals(g.LongCount(), g.Sum(v => v.Points), g.Sum(v => v.Provision!.SettlementFen)));
        foreach (var key in replayed.Keys.Union(live.Keys).OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var expected = replayed.GetValueOrDefault(key);
            var shown = live.GetValueOrDefault(key);
            if (expected != shown)
            {
                yield return new AuditProblem($"community-{key.Community}", null, AuditProblemKinds.SettlementDiffers,
                    $"Partner '{key.Partner}', {key.Month}, '{key.Sku}': the fulfilled vouchers make {Describe(expected)}, "
                    + $"but the settlement shows {Describe(shown)}.");
            }
        }
    }

    private void Fold(RecordedEvent e)
    {
        if (EventNames.Is<CatalogItemListed>(e.Type) && Read<CatalogItemListed>(e) is var listed && ServiceProvision.Of(listed) is { } provision)
        {
            _provisions[(listed.CommunityId, listed.Sku, listed.Version)] = provision;
        }
        else if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            foreach (var line in r.Lines)
            {
                foreach (var voucher in line.Vouchers)
                {
                    _vouchers[voucher] = new Voucher(r.RedemptionId, r.CommunityId, line.Sku, line.UnitPoints,
                        _provisions.GetValueOrDefault((r.CommunityId, line.Sku, line.ItemVersion)));
                }
            }
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            _cancelled.Add(Read<RedemptionCancelled>(e).RedemptionId);
        }
        else if (e.Type == EventNames.Of<VoucherFulfilled>())
        {
            Fulfil(e, Read<VoucherFulfilled>(e));
        }
    }

    private void Fulfil(RecordedEvent e, VoucherFulfilled f)
    {
        var refusal = !_vouchers.TryGetValue(f.VoucherId, out var voucher) || voucher.RedemptionId != f.RedemptionId
                ? $"Voucher '{f.VoucherId}' was fulfilled, but no receipt of redemption '{f.RedemptionId}' issued it."
            : voucher.FulfilledMonth is not null ? $"Voucher '{f.VoucherId}' was fulfilled a second time."
            : _cancelled.Contains(f.RedemptionId) ? $"Voucher '{f.VoucherId}' was fulfilled after its redemption was cancelled."
            : null;
        if (refusal is not null)
        {
            _problems.Add(new AuditProblem(e.StreamId, e.Position, AuditProblemKinds.SettlementDiffers, refusal));
            return;
        }

        voucher!.FulfilledMonth = LeaderboardPeriod.MonthKey(f.Day);
    }

    private async Task<Dictionary<SettlementKey, Totals>> ReadLiveAsync(CancellationToken cancellationToken)
    {
        // Never committed: one consistent read, rolled back on dispose.
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await using var command = Command(transaction,
            "SELECT community_id, provider_id, fulfilled_month, sku, COUNT(*), SUM(points), SUM(settlement_fen) "
            + $"FROM {PartnerVoucherProjection.Table} WHERE status = 'fulfilled' GROUP BY community_id, provider_id, fulfilled_month, sku");
        var live = new Dictionary<SettlementKey, Totals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live[new SettlementKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] =
                new Totals(Long(reader, 4), Long(reader, 5), Long(reader, 6));
        }

        return live;
    }

    private static string Describe(Totals? totals) =>
        totals is { } t ? $"{t.Count} vouchers, {t.Points} points, {t.Fen} fen" : "nothing";

    private sealed record SettlementKey(string Community, string Partner, string Month, string Sku);

    private sealed record Totals(long Count, long Points, long Fen);

    private sealed class Voucher(string redemptionId, string community, string sku, long points, ServiceProvision? provision)
    {
        public string RedemptionId { get; } = redemptionId;
        public string Community { get; } = community;
        public string Sku { get; } = sku;
        public long Points { get; } = points;
        public ServiceProvision? Provision { get; } = provision;
        public string? FulfilledMonth { get; set; }
    }
}
