using Ledger.Audit;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Leaderboards;
using Redemption.Catalog;
using Redemption.Common;

namespace Ledger.Api.Cli;

/// <summary>A household's account as the replay folds it: the totals of <c>GET /api/households/{passbook}</c>.</summary>
public sealed record HouseholdBalance(
    string Passbook, string CommunityId, string HeadName, long Balance, long Earned, long Deducted, long Corrected, long Redeemed,
    long Refunded, long Version);

/// <summary>One community's leaderboard of one period.</summary>
public sealed record PeriodBoard(string CommunityId, string Period, IReadOnlyList<LeaderboardEntry> Entries);

/// <summary>
/// Balances, leaderboards and stock folded in one pass over the global feed, cut at a time or a position exactly as the
/// as-of endpoints cut them: each stream stops at its first event after the time (so every fold is a prefix of its
/// stream), or the feed stops after the position. Keeps per-household, per-item and per-month state only.
/// </summary>
public sealed class ReplaySnapshot(EventTypeRegistry registry, DateTimeOffset? asOf, long? atPosition)
{
    private readonly PointsMovements _movements = new(registry);
    private readonly Dictionary<string, HouseholdBalance> _households = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Community, DateOnly Month, string Passbook, string Member), long> _months = [];
    private readonly Dictionary<string, CatalogItemState> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cut = new(StringComparer.Ordinal);
    // The files rank households as honour rolls do; star levels are the household's, not the period's, and stay out.
    private static readonly IReadOnlyDictionary<string, int> NoStarLevels = new Dictionary<string, int>();
    private static readonly string CatalogPrefix = RedemptionStreams.CatalogItem("", "")[..^1];

    /// <summary>The last event folded, if any.</summary>
    public RecordedEvent? Last { get; private set; }

    /// <summary>False once the feed is past <c>atPosition</c>: nothing later can count.</summary>
    public bool Observe(RecordedEvent e)
    {
        if (atPosition is { } position && e.Position > position)
        {
            return false;
        }

        if (asOf is { } time && (e.RecordedAt > time || _cut.Contains(e.StreamId)))
        {
            _cut.Add(e.StreamId);
            return true;
        }

        Last = e;
        if (e.Type == EventNames.Of<CommunityRegistered>() && registry.Deserialize(e) is CommunityRegistered registered)
        {
            _zones.TryAdd(registered.CommunityId, registered.TimeZone);
        }
        else if (LeaderboardPoints.PassbookOf(e.StreamId) is { } passbook)
        {
            FoldHousehold(passbook, e);
        }
        else if (e.StreamId.StartsWith(CatalogPrefix, StringComparison.Ordinal))
        {
            _items[e.StreamId] = CatalogItemState.Evolve(_items.GetValueOrDefault(e.StreamId) ?? CatalogItemState.Initial, EventEnvelope.From(e, registry));
        }

        return true;
    }

    /// <summary>Every opened household, by passbook.</summary>
    public IEnumerable<HouseholdBalance> Balances() =>
        _households.Values.Where(h => h.CommunityId.Length > 0).OrderBy(h => h.Passbook, StringComparer.Ordinal);

    /// <summary>Every listed catalogue item, by community and sku.</summary>
    public IEnumerable<CatalogItemResponse> Stock() =>
        _items.Values.Where(i => i.Exists).Select(CatalogItemResponse.From)
            .OrderBy(i => i.CommunityId, StringComparer.Ordinal).ThenBy(i => i.Sku, StringComparer.Ordinal);

    /// <summary>Per community, the board of every month, quarter and year that has entries, and of all time.</summary>
    public IEnumerable<PeriodBoard> Leaderboards()
    {
        var heads = _households.Values.ToDictionary(h => h.Passbook, h => h.HeadName, StringComparer.Ordinal);
        foreach (var community in _months.Keys.Select(k => k.Community).Distinct().Order(StringComparer.Ordinal))
        {
            var months = _months.Where(m => m.Key.Community == community).ToList();
            var periods = months.SelectMany(m => new[]
                {
                    LeaderboardPeriod.MonthKey(m.Key.Month), $"{m.Key.Month.Year}-Q{(m.Key.Month.Month + 2) / 3}", $"{m.Key.Month.Year}",
                })
                .Distinct().Order(StringComparer.Ordinal).Append("all");
            foreach (var period in periods.Select(p => LeaderboardPeriod.Parse(p)!))
            {
                var points = months.Where(m => period.Contains(m.Key.Month)).Select(m => (m.Key.Passbook, m.Key.Member, m.Value)).ToList();
                yield return new PeriodBoard(community, period.Text, new PeriodPoints(points, heads, NoStarLevels).Rank(null));
            }
        }
    }

    private void FoldHousehold(string passbook, RecordedEvent e)
    {
        var household = _households.GetValueOrDefault(passbook) ?? new HouseholdBalance(passbook, "", "", 0, 0, 0, 0, 0, 0, 0);
        if (e.Type == EventNames.Of<HouseholdOpened>() && registry.Deserialize(e) is HouseholdOpened opened)
        {
            household = household with { CommunityId = opened.CommunityId, HeadName = opened.HeadName };
        }
        else if (_movements.Read(e) is { } m)
        {
            household = m.Flow switch
            {
                PointsFlow.Issued => household with { Earned = household.Earned + m.Points },
                PointsFlow.Deducted => household with { Deducted = household.Deducted + m.Points },
                PointsFlow.Corrected => household with { Corrected = household.Corrected + m.Points },
                PointsFlow.Redeemed => household with { Redeemed = household.Redeemed + m.Points },
                PointsFlow.Refunded => household with { Refunded = household.Refunded + m.Points },
                // Expired points show only in the balance: the snapshot's columns are those of v1.
                _ => household,
            };
            household = household with { Balance = household.Balance + m.BalanceChange };
        }

        _households[passbook] = household with { Version = e.StreamVersion };
        if (LeaderboardPoints.Matters(e.Type)
            && LeaderboardPoints.Bucket(e, registry.Deserialize(e), c => _zones.GetValueOrDefault(c) ?? CommunityCalendar.DefaultTimeZone) is { } bucket)
        {
            var key = (bucket.CommunityId, bucket.Month, bucket.Passbook, bucket.Member);
            _months[key] = _months.GetValueOrDefault(key) + bucket.Points;
        }
    }
}
