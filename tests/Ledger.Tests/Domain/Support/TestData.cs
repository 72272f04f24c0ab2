using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;

namespace Ledger.Tests.Domain.Support;

/// <summary>A pilot community of Longhu district and one of its households (seed 000).</summary>
public static class TestData
{
    /// <summary>10:00 on 15 March 2025 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = Envelopes.Now;

    /// <summary>The day of <see cref="Now"/> in Shanghai: what an award without <c>occurredOn</c> is dated.</summary>
    public static readonly DateOnly Today = new(2025, 3, 15);

    public const string CommunityId = "jinhai";
    public const string OtherCommunityId = "donghe";
    public const string Passbook = "JH-0001";
    public const string Head = "陈伟";
    public const string Spouse = "林秀英";
    public const string Child = "陈小明";
    public const string CleanUp = "clean-up";
    public const string Litter = "litter";
    public const string ActivityId = "greening-0315";

    public static CommunityRegistered Registered(string id = CommunityId) =>
        new(id, id == CommunityId ? "津海社区" : "东和社区", "龙湖区", "龙腾街道", CommunityCalendar.DefaultTimeZone);

    /// <summary>人居环境整治: 10 points, at most 30 a month.</summary>
    public static PointsItemDefined CleanUpItem(int version = 1, long points = 10, long? cap = 30) =>
        new(CommunityId, CleanUp, version, "人居环境整治", "人居环境", points, cap);

    /// <summary>乱扔垃圾: deducts 20 points.</summary>
    public static PointsItemDefined LitterItem(long points = -20) =>
        new(CommunityId, Litter, 1, "乱扔垃圾", "扣分", points, null);

    public static HouseholdOpened Opened(string passbook = Passbook, string communityId = CommunityId) =>
        new(passbook, communityId, Head, [Head, Spouse, Child], "龙腾街道津海路1号");

    /// <summary>An award dated <paramref name="on"/> (<see cref="Today"/> unless given).</summary>
    public static PointsAwarded Award(long points = 10, string member = Head, string ruleId = CleanUp, int version = 1, DateOnly? on = null) =>
        new(CommunityId, ruleId, version, points, member, null, on ?? Today);

    /// <summary>An award as a ledger recorded before business dates holds it (<c>PointsAwarded.v1</c>, read without a date).</summary>
    public static PointsAwarded UndatedAward(long points = 10, string member = Head) => Award(points, member) with { OccurredOn = null };

    public static ActivityScheduled Scheduled(long points = 5) =>
        new(CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), points);

    /// <summary>The community folded from its events.</summary>
    public static CommunityState Community(params object[] events)
    {
        var spec = new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve);
        spec.Given(events);
        return spec.State;
    }

    /// <summary>The pilot community with the clean-up and litter items, under <paramref name="policy"/>.</summary>
    public static CommunityState Jinhai(DeductionPolicy policy = DeductionPolicy.Refuse, long? cap = 30) =>
        Community(Registered(), CleanUpItem(cap: cap), LitterItem(), new DeductionPolicySet(CommunityId, policy));

    /// <summary>A household spec starting from an opened household.</summary>
    public static DeciderSpec<HouseholdState> Household(params object[] more) =>
        new DeciderSpec<HouseholdState>(HouseholdState.Initial, HouseholdDecider.Evolve).Given([Opened(), .. more]);
}
