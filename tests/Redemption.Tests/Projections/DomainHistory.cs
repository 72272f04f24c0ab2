using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions;

namespace Redemption.Tests.Projections;

/// <summary>
/// Writes a large, realistic ledger fast: communities with points items, a catalogue and households; each month
/// awards, deductions, an activity with its participants, redemptions (some cancelled, vouchers fulfilled) and a few
/// corrections, all as the domain's own events, one multi-stream append per community-month. The clock moves a
/// month between rounds so periods have something to tell apart. Deterministic for a given seed.
/// </summary>
public sealed class DomainHistory(ILedgerStore store, EventTypeRegistry registry, Action<DateTimeOffset> setClock, int seed = 7)
{
    private static readonly EventMetadata Committee = new("key:committee");
    private static readonly (string Sku, string Name, CatalogItemKind Kind, long Points)[] Catalogue =
        [("rice-5kg", "东北大米 5kg", CatalogItemKind.Goods, 30), ("oil-5l", "花生油 5L", CatalogItemKind.Goods, 50), ("car-wash", "洗车", CatalogItemKind.Service, 20)];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, List<NewEvent>> _pending = new(StringComparer.Ordinal);
    private int _redemptions;

    /// <summary>Events appended so far.</summary>
    public long Events { get; private set; }

    /// <summary>Appends <paramref name="months"/> months of history for <paramref name="communities"/> communities of <paramref name="households"/> households each.</summary>
    public async Task WriteAsync(int communities, int households, int months, DateTimeOffset start, CancellationToken cancellationToken = default)
    {
        setClock(start);
        for (var c = 0; c < communities; c++)
        {
            Open($"c{c:D3}", households, c % 3 == 0 ? "金平区" : "龙湖区");
            await FlushAsync(cancellationToken);
        }

        for (var m = 0; m < months; m++)
        {
            setClock(start.AddMonths(m).AddDays(3));
            for (var c = 0; c < communities; c++)
            {
                Month($"c{c:D3}", households, DateOnly.FromDateTime(start.AddMonths(m).UtcDateTime), m);
                await FlushAsync(cancellationToken);
            }
        }
    }

    private void Open(string cid, int households, string district)
    {
        Add(StreamIds.Community(cid), new CommunityRegistered(cid, $"社区{cid}", district, "街道", CommunityCalendar.DefaultTimeZone));
        Add(StreamIds.Community(cid), new PointsItemDefined(cid, "clean-up", 1, "人居环境整治", "人居环境", 10, null));
        Add(StreamIds.Community(cid), new PointsItemDefined(cid, "care", 1, "敬老助残", "邻里互助", 20, null));
        Add(StreamIds.Community(cid), new PointsItemDefined(cid, "litter", 1, "乱扔垃圾", "扣分", -20, null));
        foreach (var (sku, name, kind, points) in Catalogue)
        {
            Add(RedemptionStreams.CatalogItem(cid, sku), new CatalogItemListed(cid, sku, 1, name, kind, points, kind == CatalogItemKind.Service ? 100_000 : null));
            if (kind == CatalogItemKind.Goods)
            {
                Add(RedemptionStreams.CatalogItem(cid, sku), new StockReceived(cid, sku, 100_000, "首批"));
            }
        }

        for (var h = 0; h < households; h++)
        {
            Add(StreamIds.Household(Passbook(cid, h)), new HouseholdOpened(Passbook(cid, h), cid, $"户主{h}", [$"户主{h}", "配偶"], null));
        }
    }

    private void Month(string cid, int households, DateOnly month, int m)
    {
        var corrections = 0;
        for (var h = 0; h < households; h++)
        {
            var household = StreamIds.Household(Passbook(cid, h));
            for (var i = _random.Next(6, 11); i > 0; i--)
            {
                var care = _random.Next(4) == 0;
                var id = Add(household, new PointsAwarded(cid, care ? "care" : "clean-up", 1, care ? 20 : 10, _random.Next(3) == 0 ? "配偶" : $"户主{h}", null));
                if (corrections < 2 && _random.Next(200) == 0)
                {
                    corrections++;
                    Add(household, new EntryCorrected(cid, id, EntryKind.Award, $"户主{h}", care ? -20 : -10, "重复登记", care ? "care" : "clean-up", null));
                }
            }

            if (_random.Next(10) == 0)
            {
                Add(household, new PointsDeducted(cid, "litter", 1, 20, 20, $"户主{h}", null));
            }
        }

        var activity = $"act-{m:D2}";
        var participants = Enumerable.Range(0, Math.Min(households, 40)).Select(_ => _random.Next(households)).Distinct().Order().ToList();
        Add(StreamIds.Activity(cid, activity), new ActivityScheduled(cid, activity, "志愿服务", new Organizer(OrganizerKind.SocialOrganization, "志愿者协会"), month.AddDays(9), 5));
        Add(StreamIds.Activity(cid, activity), new ParticipantsAdded(cid, activity, 5, [.. participants.Select(h => new Participant(Passbook(cid, h), $"户主{h}"))]));
        foreach (var h in participants)
        {
            Add(StreamIds.Household(Passbook(cid, h)), new ActivityPointsAwarded(cid, activity, $"户主{h}", 5));
        }

        for (var r = 0; r < 20; r++)
        {
            Redeem(cid, _random.Next(households), month.AddDays(12), cancel: r % 10 == 3);
        }
    }

    private void Redeem(string cid, int h, DateOnly day, bool cancel)
    {
        var rid = $"r{++_redemptions:D7}";
        var passbook = Passbook(cid, h);
        var lines = Catalogue.Where(_ => _random.Next(2) == 0).DefaultIfEmpty(Catalogue[0]).Select(item =>
        {
            var quantity = _random.Next(1, 3);
            var vouchers = item.Kind == CatalogItemKind.Service ? Enumerable.Range(1, quantity).Select(v => $"{rid}-{v}").ToList() : [];
            return new RedemptionLine(item.Sku, item.Name, item.Kind, 1, item.Points, quantity, item.Points * quantity, vouchers);
        }).ToList();
        var points = lines.Sum(l => l.Points);
        var at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        Add(RedemptionStreams.Redemption(rid), new RedemptionRecorded(rid, cid, passbook, $"户主{h}", points, lines, "key:clerk", "超市管理员", at, day));
        Add(StreamIds.Household(passbook), new PointsRedeemed(cid, rid, points, $"户主{h}", "兑换"));
        foreach (var line in lines)
        {
            Add(RedemptionStreams.CatalogItem(cid, line.Sku), new CatalogItemRedeemed(cid, line.Sku, rid, 1, line.Kind, line.Quantity));
        }

        if (cancel)
        {
            Add(RedemptionStreams.Redemption(rid), new RedemptionCancelled(rid, cid, passbook, points, "扫错了存折", "key:clerk", "超市管理员", at, day));
            Add(StreamIds.Household(passbook), new PointsRefunded(cid, rid, points, $"户主{h}", "退回", "扫错了存折"));
            foreach (var line in lines)
            {
                Add(RedemptionStreams.CatalogItem(cid, line.Sku), new CatalogItemReturned(cid, line.Sku, rid, line.Kind, line.Quantity));
            }
        }
        else if (lines.FirstOrDefault(l => l.Vouchers.Count > 0) is { } service)
        {
            Add(RedemptionStreams.Redemption(rid), new VoucherFulfilled(rid, cid, service.Vouchers[0], service.Sku, "key:clerk", "超市管理员", at, day));
        }
    }

    private static string Passbook(string cid, int h) => $"{cid}-{h:D4}";

    private Guid Add(string stream, object data)
    {
        var e = registry.ToNewEvent(data, Committee, Guid.CreateVersion7());
        if (!_pending.TryGetValue(stream, out var events))
        {
            _pending[stream] = events = [];
        }

        events.Add(e);
        return e.EventId;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await store.AppendAsync([.. _pending.Select(p => new StreamAppend(p.Key, ExpectedVersion.Any, p.Value))], null, cancellationToken);
        Events += _pending.Values.Sum(e => e.Count);
        _pending.Clear();
    }
}
