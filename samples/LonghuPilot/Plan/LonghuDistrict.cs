namespace LonghuPilot.Plan;

/// <summary>
/// The district and its pilot sites. Streets are Longhu's real streets; the six communities the article names (津海,
/// 东和, 大衙, 金珠, 翠英, 金涛) open in the first batch, the others are plausible names made up for the sample.
/// </summary>
public static class LonghuDistrict
{
    /// <summary>汕头市龙湖区.</summary>
    public const string Name = "龙湖区";

    /// <summary>
    /// Ten sites per batch. Ids carry an <c>lh-</c> prefix so the pilot never collides with the one-community
    /// click-through in <c>samples/ledger.http</c> (whose <c>jinhai</c> is also in 龙湖区).
    /// </summary>
    public static readonly IReadOnlyList<CommunitySite> Sites =
    [
        new("lh-jinhai", "津海社区", "龙腾街道", 1, "JH"),
        new("lh-donghe", "东和社区", "新津街道", 1, "DH"),
        new("lh-daya", "大衙村", "龙华街道", 1, "DY"),
        new("lh-jinzhu", "金珠社区", "金霞街道", 1, "JZ"),
        new("lh-cuiying", "翠英社区", "新津街道", 1, "CY"),
        new("lh-jintao", "金涛社区", "珠池街道", 1, "JT"),
        new("lh-longxiang", "龙祥社区", "龙腾街道", 1, "LX"),
        new("lh-huaxin", "华新社区", "龙华街道", 1, "HX"),
        new("lh-jinxia", "金霞社区", "金霞街道", 1, "JX"),
        new("lh-haibin", "海滨社区", "珠池街道", 1, "HB"),
        new("lh-xinjin", "新津社区", "新津街道", 2, "XJ"),
        new("lh-longhua", "龙华社区", "龙华街道", 2, "LH"),
        new("lh-oushang", "鸥上村", "鸥汀街道", 2, "OS"),
        new("lh-ouxia", "鸥下村", "鸥汀街道", 2, "OX"),
        new("lh-jinfeng", "金凤社区", "金霞街道", 2, "JF"),
        new("lh-tianshan", "天山社区", "龙腾街道", 2, "TS"),
        new("lh-jinsha", "金砂社区", "金霞街道", 2, "JS"),
        new("lh-huaqiao", "华侨社区", "新津街道", 2, "HQ"),
        new("lh-xinan", "新安村", "龙华街道", 2, "XA"),
        new("lh-zhuchi", "珠池社区", "珠池街道", 2, "ZC"),
    ];

    /// <summary>The first <paramref name="perBatch"/> sites of each batch, batch 1 first.</summary>
    public static IReadOnlyList<CommunitySite> SitesFor(int perBatch) =>
        [.. Sites.Where(s => s.Batch == 1).Take(perBatch), .. Sites.Where(s => s.Batch == 2).Take(perBatch)];
}
