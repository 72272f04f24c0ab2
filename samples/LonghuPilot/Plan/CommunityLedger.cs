namespace LonghuPilot.Plan;

/// <summary>
/// The plan's own bookkeeping of one community, kept as the plan is generated in the order it will be sent: it refuses
/// what the server would refuse (a deduction or a basket the balance cannot cover, goods out of stock), so every planned
/// request succeeds, and it yields the figures the server must report back.
/// </summary>
internal sealed class CommunityLedger
{
    private readonly Dictionary<string, long> _balance = [];
    private readonly Dictionary<string, long> _earned = [];
    private readonly Dictionary<string, long> _available = [];
    private long _issued, _deducted, _corrected, _redeemed, _refunded, _redemptions, _cancelled;

    /// <summary>Net points earned per passbook (what ranks on a leaderboard).</summary>
    public IReadOnlyDictionary<string, long> Earned => _earned;

    /// <summary>The balance of <paramref name="passbook"/>.</summary>
    public long Balance(string passbook) => _balance.GetValueOrDefault(passbook);

    /// <summary>Units of <paramref name="sku"/> that may still be redeemed; services without a capacity are unlimited.</summary>
    public long Available(string sku) => _available.GetValueOrDefault(sku, long.MaxValue);

    /// <summary>Opens an account at zero.</summary>
    public void Open(string passbook)
    {
        _balance[passbook] = 0;
        _earned[passbook] = 0;
    }

    /// <summary>Lists an item with its stock or capacity (null: unlimited service).</summary>
    public void List(CatalogPlan item)
    {
        if ((item.Stock ?? item.Capacity) is { } units)
        {
            _available[item.Sku] = units;
        }
    }

    /// <summary>Goods received.</summary>
    public void Receive(string sku, long quantity) => _available[sku] = Available(sku) + quantity;

    /// <summary>An award or activity points.</summary>
    public void Award(string passbook, long points)
    {
        _balance[passbook] += points;
        _earned[passbook] += points;
        _issued += points;
    }

    /// <summary>A deduction, only when the balance covers it (the server's default policy refuses otherwise).</summary>
    public bool TryDeduct(string passbook, long points)
    {
        if (_balance[passbook] < points)
        {
            return false;
        }

        _balance[passbook] -= points;
        _earned[passbook] -= points;
        _deducted += points;
        return true;
    }

    /// <summary>A correction of an award of <paramref name="points"/>, only when it leaves the balance non-negative.</summary>
    public bool TryCorrect(string passbook, long points)
    {
        if (_balance[passbook] < points)
        {
            return false;
        }

        _balance[passbook] -= points;
        _earned[passbook] -= points;
        _corrected += points;
        return true;
    }

    /// <summary>A redemption, only when the balance covers it and every line is available.</summary>
    public bool TryRedeem(string passbook, IReadOnlyList<(BasketLine Line, long UnitPoints)> lines)
    {
        var points = lines.Sum(l => l.Line.Quantity * l.UnitPoints);
        if (_balance[passbook] < points || lines.Any(l => Available(l.Line.Sku) < l.Line.Quantity))
        {
            return false;
        }

        foreach (var (line, _) in lines.Where(l => _available.ContainsKey(l.Line.Sku)))
        {
            _available[line.Sku] -= line.Quantity;
        }

        _balance[passbook] -= points;
        _redeemed += points;
        _redemptions++;
        return true;
    }

    /// <summary>Cancels a redemption just made: points back, units back.</summary>
    public void Cancel(string passbook, IReadOnlyList<(BasketLine Line, long UnitPoints)> lines)
    {
        var points = lines.Sum(l => l.Line.Quantity * l.UnitPoints);
        foreach (var (line, _) in lines.Where(l => _available.ContainsKey(l.Line.Sku)))
        {
            _available[line.Sku] += line.Quantity;
        }

        _balance[passbook] += points;
        _refunded += points;
        _cancelled++;
    }

    /// <summary>The community's figures so far.</summary>
    public Figures Figures(long activities, long participations) => new(
        activities, participations, _balance.Count, _issued, _deducted, _corrected, _redeemed, _refunded, _redemptions, _cancelled);
}
