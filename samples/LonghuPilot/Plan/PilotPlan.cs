using System.Text.Json.Serialization;

namespace LonghuPilot.Plan;

/// <summary>
/// Everything the sample will send, decided before the first request: a pure function of the seed and the scale, so
/// a second run sends exactly the same requests (with the same idempotency keys) and the expected figures are known.
/// </summary>
/// <param name="Seed">The seed it was generated from.</param>
/// <param name="Scale">The scale it was generated at.</param>
/// <param name="District">The district (区).</param>
/// <param name="Communities">The pilot communities, batch 1 first.</param>
public sealed record PilotPlan(int Seed, PilotScale Scale, string District, IReadOnlyList<CommunityPlan> Communities)
{
    /// <summary>What the whole district should show once the plan is sent.</summary>
    public Figures Expected => Figures.Sum(Communities.Select(c => c.Expected));
}

/// <summary>One pilot village or community and everything it does during the pilot year, in the order it is sent.</summary>
public sealed record CommunityPlan(
    CommunitySite Site,
    IReadOnlyList<RulePlan> Rules,
    IReadOnlyList<HouseholdPlan> Households,
    IReadOnlyList<ActivityPlan> Activities,
    IReadOnlyList<EntryPlan> Entries,
    IReadOnlyList<CorrectionPlan> Corrections,
    IReadOnlyList<CatalogPlan> Catalog,
    IReadOnlyList<ShopStep> Shop,
    int HonorRollTop,
    Figures Expected,
    IReadOnlyDictionary<string, long> EarnedByPassbook,
    IReadOnlyList<PartnerPlan> Partners,
    IReadOnlyList<RedemptionPlan> PartnerShop);

/// <summary>A community's fixed facts: id, names, street, batch and the prefix of its passbooks.</summary>
/// <param name="Batch">1 (opened in March 2024) or 2 (opened in July 2024).</param>
public sealed record CommunitySite(string Id, string Name, string Street, int Batch, string Code)
{
    /// <summary>The first month of the community's pilot.</summary>
    public DateOnly Opened => Batch == 1 ? new DateOnly(2024, 3, 1) : new DateOnly(2024, 7, 1);
}

/// <summary>A points item (积分项目) as the committee agrees it.</summary>
public sealed record RulePlan(string Id, string Name, string Category, long Points, long? MonthlyCap);

/// <summary>A household: head first, then the other members.</summary>
public sealed record HouseholdPlan(string Passbook, string HeadName, IReadOnlyList<string> Others, string Address)
{
    /// <summary>Every member, head first.</summary>
    public IEnumerable<string> Members => Others.Prepend(HeadName);
}

/// <summary>A volunteer activity and who took part.</summary>
/// <param name="OrganizerKind"><c>enterprise</c>, <c>social-organization</c> or <c>partner-unit</c>.</param>
public sealed record ActivityPlan(
    string Id, string Title, string OrganizerKind, string OrganizerName, DateOnly Date, long Points, IReadOnlyList<Participation> Participants);

/// <summary>One participation (一人次): a member of a household at an activity.</summary>
public sealed record Participation(string Passbook, string Member);

/// <summary>An award or a deduction per a points item.</summary>
/// <param name="Number">Its number within the community: names the request and lets a correction point at it.</param>
public sealed record EntryPlan(int Number, string Passbook, string RuleId, string Member, string? Note, DateOnly? OccurredOn = null);

/// <summary>A correction of an earlier award (误录撤销).</summary>
/// <param name="EntryNumber">The <see cref="EntryPlan.Number"/> it reverses.</param>
public sealed record CorrectionPlan(int EntryNumber, string Reason);

/// <summary>A catalogue item: goods with stock, or a service with a capacity.</summary>
/// <param name="Kind"><c>goods</c> or <c>service</c>.</param>
/// <param name="ProviderId">A partner's service: the partner who provides it.</param>
/// <param name="SettlementFen">With <paramref name="ProviderId"/>: what the community pays the partner per unit served, in fen.</param>
public sealed record CatalogPlan(
    string Sku, string Name, string Kind, long Points, long? Stock, long? Capacity, string? ProviderId = null, long? SettlementFen = null);

/// <summary>A partner (社区合伙人) of the community and the service it provides.</summary>
/// <param name="Kind"><c>social-organisation</c> or <c>merchant</c>.</param>
public sealed record PartnerPlan(string Id, string Name, string Kind, CatalogPlan Service);

/// <summary>One step at the supermarket counter, in order.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(Restock), "restock")]
[JsonDerivedType(typeof(RedemptionPlan), "redemption")]
public abstract record ShopStep;

/// <summary>Goods received into stock.</summary>
public sealed record Restock(int Number, string Sku, long Quantity, string Note) : ShopStep;

/// <summary>A redemption; <paramref name="FulfilVouchers"/> of its service vouchers are then fulfilled, or it is cancelled.</summary>
public sealed record RedemptionPlan(
    int Number, string Passbook, string Member, IReadOnlyList<BasketLine> Lines, int FulfilVouchers, string? CancelReason) : ShopStep;

/// <summary>A basket line.</summary>
public sealed record BasketLine(string Sku, int Quantity);
