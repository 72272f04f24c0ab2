using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.Redeem;

namespace Redemption.Tests.Domain.Support;

/// <summary>津海社区's supermarket (seed 000): grain and oil, a car wash with ten slots, housekeeping without limit.</summary>
public static class TestData
{
    /// <summary>10:00 on 15 March 2025 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = Envelopes.Now;

    public const string CommunityId = "jinhai";
    public const string OtherCommunityId = "donghe";
    public const string Passbook = "JH-0001";
    public const string Head = "陈伟";
    public const string Spouse = "林秀英";
    public const string Rice = "rice-5kg";
    public const string Oil = "oil-5l";
    public const string CarWash = "car-wash";
    public const string Housekeeping = "housekeeping";
    public const string Rid = "0195a3b4c0de7000800000000000abcd";
    public const string ClerkId = "key:clerk01";
    public const string ClerkName = "超市管理员 1号柜台";

    public static DecisionContext ClerkContext(DateTimeOffset? at = null) => new(ClerkId, ClerkName, at ?? Now);

    public static CommunityRegistered Registered(string id = CommunityId) =>
        new(id, id == CommunityId ? "津海社区" : "东和社区", "龙湖区", "龙腾街道", CommunityCalendar.DefaultTimeZone);

    public static CommunityState Community(string id = CommunityId) =>
        Envelopes.Of(Now, [Registered(id)]).Aggregate(CommunityState.Initial, CommunityDecider.Evolve);

    public static HouseholdOpened Opened(string passbook = Passbook, string communityId = CommunityId) =>
        new(passbook, communityId, Head, [Head, Spouse], "龙腾街道津海路1号");

    /// <summary>The household that pays and is refunded, opened in 津海社区, as the supermarket holds it.</summary>
    public static HouseholdAccountState Payer() => HouseholdAccountState.Of(Envelopes.Of(Now, [Opened()]));

    public static PointsAwarded Award(long points) => new(CommunityId, "clean-up", 1, points, Head, null);

    public static CatalogItemListed RiceListed(int version = 1, long points = 30, string name = "东北大米 5kg") =>
        new(CommunityId, Rice, version, name, CatalogItemKind.Goods, points, null);

    public static CatalogItemListed OilListed() => new(CommunityId, Oil, 1, "花生油 5L", CatalogItemKind.Goods, 50, null);

    public static CatalogItemListed CarWashListed(long? capacity = 10) =>
        new(CommunityId, CarWash, 1, "洗车", CatalogItemKind.Service, 20, capacity);

    public static CatalogItemListed HousekeepingListed() =>
        new(CommunityId, Housekeeping, 1, "家政服务 2小时", CatalogItemKind.Service, 80, null);

    public static StockReceived Stock(string sku, long quantity, string? note = null) => new(CommunityId, sku, quantity, note);

    public static RedeemCommand Redeem(params (string Sku, int Quantity)[] lines) =>
        new(CommunityId, Passbook, null, [.. lines.Select(l => new RedeemLine(l.Sku, l.Quantity))]);

    /// <summary>Rice ×2 for the head of household, as recorded.</summary>
    public static RedemptionLine RiceLine(int quantity = 2, long unit = 30, int version = 1, string name = "东北大米 5kg") =>
        new(Rice, name, CatalogItemKind.Goods, version, unit, quantity, unit * quantity, []);

    public static RedemptionRecorded Recorded(params RedemptionLine[] lines) =>
        new(Rid, CommunityId, Passbook, Head, lines.Sum(l => l.Points), lines, ClerkId, ClerkName, Now, new DateOnly(2025, 3, 15));
}
