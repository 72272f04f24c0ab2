namespace LonghuPilot.Plan;

/// <summary>The fixed vocabulary the plan draws from: points items, organisers, activity titles and the catalogue.</summary>
public static class Pools
{
    /// <summary>Items every community agrees: environment clean-up, greening and garbage sorting, with point choices.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Category, long[] Points)> Environment =
    [
        ("env-cleanup", "人居环境整治", "人居环境", [5, 8, 10]),
        ("greening", "乡村绿化", "绿美家园", [5, 6, 8]),
        ("sorting", "垃圾分类", "垃圾分类", [2, 3, 5]),
    ];

    /// <summary>The garbage-sorting item has a monthly cap of this many awards' worth per household.</summary>
    public const int SortingCapAwards = 5;

    /// <summary>Civic duties; each community agrees two or three of them.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Category, long[] Points)> Civic =
    [
        ("council", "参加议事协商", "民主参与", [5, 10]),
        ("elder-care", "关爱孤寡老人", "孝老爱亲", [5, 8]),
        ("patrol", "义务治安巡逻", "平安建设", [5, 10]),
        ("blood", "无偿献血", "公益奉献", [20, 30]),
        ("civil-family", "文明家庭评选", "文明新风", [30, 50]),
    ];

    /// <summary>Deductions (扣分); each community agrees two of them.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Category, long[] Points)> Deductions =
    [
        ("litter", "乱扔垃圾", "扣分", [-5, -10]),
        ("occupy-road", "占道经营", "扣分", [-10]),
        ("illegal-build", "私搭乱建", "扣分", [-20]),
        ("poultry", "家禽散养", "扣分", [-5]),
    ];

    /// <summary>Activity titles, the article's two first and most frequent.</summary>
    public static readonly IReadOnlyList<(string Title, int Weight)> Titles =
    [
        ("人居环境整治", 30), ("乡村绿化", 20), ("垃圾分类宣传", 10), ("河道清洁", 8), ("长者食堂送餐", 8),
        ("义诊义剪", 7), ("消防演练", 5), ("政策宣讲", 5), ("文明交通劝导", 5), ("国学讲堂", 2),
    ];

    /// <summary>Organisers: enterprises, social organisations and partner units (结对共建单位).</summary>
    public static readonly IReadOnlyList<(string Kind, string Name)> Organizers =
    [
        ("enterprise", "汕头市潮龙物业服务有限公司"), ("enterprise", "龙湖区绿源环卫服务有限公司"),
        ("enterprise", "汕头市金信粮油贸易有限公司"), ("enterprise", "龙湖区海湾汽车美容店"),
        ("enterprise", "汕头市安家家政服务有限公司"),
        ("social-organization", "龙湖区义工联合会"), ("social-organization", "龙湖区青年志愿者协会"),
        ("social-organization", "汕头市绿色环保志愿服务队"), ("social-organization", "龙湖区社会工作服务站"),
        ("partner-unit", "龙湖区税务局"), ("partner-unit", "龙湖区卫生健康局"), ("partner-unit", "龙湖区人民法院"),
        ("partner-unit", "龙湖区城市管理和综合执法局"), ("partner-unit", "龙湖区委组织部机关党支部"),
    ];

    /// <summary>Points each participant of an activity earns, with weights.</summary>
    public static readonly IReadOnlyList<(long Points, int Weight)> ActivityPoints = [(10, 40), (15, 25), (20, 25), (30, 10)];

    /// <summary>
    /// The supermarket's catalogue: grain and oil (粮油), tea sets (茶具), cultural products (文创) as goods with stock,
    /// car wash (洗车) and housekeeping (家政) as services with a capacity. Stock and capacity are per 30 households.
    /// </summary>
    public static readonly IReadOnlyList<CatalogPlan> Catalog =
    [
        new("oil-5l", "花生油 5L", "goods", 60, 12, null),
        new("rice-10kg", "大米 10kg", "goods", 50, 12, null),
        new("noodles", "挂面礼盒", "goods", 15, 20, null),
        new("tea-set", "工夫茶具套装", "goods", 80, 6, null),
        new("tea-cups", "品茗杯（6只）", "goods", 25, 10, null),
        new("canvas-bag", "龙湖文创帆布袋", "goods", 20, 15, null),
        new("notebook", "潮汕文化笔记本", "goods", 10, 20, null),
        new("car-wash", "洗车服务（一次）", "service", 20, null, 40),
        new("housekeeping", "家政服务（2小时）", "service", 50, null, 15),
    ];

    /// <summary>
    /// The showcase community's partners under 公益+市场 (seed 004's elder barbering and elder canteen): each provides a
    /// service the households redeem points for, and the community pays it the settlement price per voucher served.
    /// </summary>
    public static readonly IReadOnlyList<PartnerPlan> Partners =
    [
        new("elder-barber", "长者发屋", "social-organisation",
            new CatalogPlan("elder-haircut", "长者理发（一次）", "service", 10, null, 40, "elder-barber", 1200)),
        new("elder-canteen", "长者食堂", "merchant",
            new CatalogPlan("elder-meal", "长者午餐（一份）", "service", 5, null, null, "elder-canteen", 800)),
    ];

    /// <summary>Why a clerk cancels a redemption.</summary>
    public static readonly IReadOnlyList<string> CancelReasons = ["居民改换其他商品", "管理员选错商品，当场撤销", "重复扫码，撤销一单"];
}
