using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Audit;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Sponsorships;
using Redemption.Catalog;
using Redemption.Common;
using static Ledger.EventStore.DecidedEvents;

namespace Redemption.Audit;

/// <summary>
/// Donated goods are part of the item's stock received: every goods sponsorship on <c>sponsorship-{cid}/{id}</c> is
/// matched by stock receipts on the item it names, crediting that sponsorship with exactly its units, and no receipt
/// credits a donation that was never recorded. (The receipts themselves count in the stock identity, invariant 3.)
/// </summary>
public sealed class DonatedGoodsCheck : IAuditCheck
{
    private readonly Dictionary<string, (string Item, long Quantity, long Position)> _donations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Sponsorship, string Item), (long Quantity, long Position)> _received = [];

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        try
        {
            if (EventNames.Is<SponsorshipRecorded>(recorded.Type) && Read<SponsorshipRecorded>(recorded) is { Kind: SponsorshipKind.Goods } r)
            {
                _donations[recorded.StreamId] = (RedemptionStreams.CatalogItem(r.CommunityId, r.Sku ?? ""), r.Quantity ?? 0, recorded.Position);
            }
            else if (EventNames.Is<StockReceived>(recorded.Type) && Read<StockReceived>(recorded) is { SponsorshipId: { } sponsorshipId } s)
            {
                var key = (StreamIds.Sponsorship(s.CommunityId, sponsorshipId), recorded.StreamId);
                var (quantity, _) = _received.GetValueOrDefault(key);
                _received[key] = (quantity + s.Quantity, recorded.Position);
            }
        }
        catch (JsonException)
        {
            // Only a change behind the store's back makes an event unreadable; the hash chain names it.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (sponsorship, (item, quantity, position)) in _donations.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var (received, _) = _received.GetValueOrDefault((sponsorship, item));
            if (received != quantity)
            {
                yield return new AuditProblem(sponsorship, position, AuditProblemKinds.DonationNotReceived,
                    $"Sponsorship '{sponsorship}' donated {quantity} units of '{item}', but that item's stock receipts credit it with {received}.");
            }
        }

        foreach (var ((sponsorship, item), (quantity, position)) in _received.Where(r => _donations.GetValueOrDefault(r.Key.Sponsorship).Item != r.Key.Item))
        {
            yield return new AuditProblem(item, position, AuditProblemKinds.DonationNotReceived,
                $"'{item}' received {quantity} units credited to '{sponsorship}', which donated no such goods.");
        }
    }
}
