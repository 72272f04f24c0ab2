using System.Collections.Immutable;
using Ledger.Common;

namespace Ledger.Communities;

/// <summary>One version of a points item.</summary>
public sealed record PointsItem(
    string RuleId, int Version, string Name, string Category, long Points, long? MonthlyCap, DateTimeOffset DefinedAt)
{
    /// <summary>True when this version deducts points.</summary>
    public bool IsDeduction => Points < 0;
}

/// <summary>The star levels (星级户) of a community as one version set them.</summary>
/// <param name="Version">The version of the setting (0: never set).</param>
/// <param name="Levels">The levels, fewest stars (lowest threshold) first.</param>
/// <param name="SetAt">When this version was recorded; null when never set.</param>
public sealed record StarLevelScale(int Version, ImmutableList<StarLevel> Levels, DateTimeOffset? SetAt)
{
    /// <summary>No levels: nobody reaches any.</summary>
    public static StarLevelScale None { get; } = new(0, [], null);

    /// <summary>The highest level whose threshold <paramref name="earned"/> reaches, or null.</summary>
    public StarLevel? LevelFor(long earned) => Levels.LastOrDefault(l => earned >= l.Points);
}

/// <summary>A month whose books the committee closed (月结).</summary>
/// <param name="Month">The month, <c>yyyy-MM</c>.</param>
/// <param name="ClosedBy">The principal who closed it.</param>
/// <param name="ClosedAt">When it was closed (UTC).</param>
public sealed record ClosedPeriod(string Month, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>A community folded from <c>community-{cid}</c>.</summary>
public sealed record CommunityState
{
    /// <summary>Before registration.</summary>
    public static CommunityState Initial { get; } = new();

    public bool Exists { get; init; }
    public string CommunityId { get; init; } = "";
    public string Name { get; init; } = "";
    public string District { get; init; } = "";
    public string Street { get; init; } = "";
    public string TimeZone { get; init; } = CommunityCalendar.DefaultTimeZone;
    public DeductionPolicy DeductionPolicy { get; init; } = DeductionPolicy.Refuse;

    /// <summary>The star levels in force (version 0 and no levels until the committee sets them).</summary>
    public StarLevelScale StarLevels { get; init; } = StarLevelScale.None;

    /// <summary>The expiry policy in force (version 0: none set, nothing expires).</summary>
    public ExpiryPolicy ExpiryPolicy { get; init; } = ExpiryPolicy.Initial;

    public long Version { get; init; }

    /// <summary>The closed months by <c>yyyy-MM</c>.</summary>
    public ImmutableSortedDictionary<string, ClosedPeriod> ClosedPeriods { get; init; } =
        ImmutableSortedDictionary.Create<string, ClosedPeriod>(StringComparer.Ordinal);

    /// <summary>True when the month of <paramref name="date"/> is closed.</summary>
    public bool IsClosed(DateOnly date) => ClosedPeriods.ContainsKey(Leaderboards.LeaderboardPeriod.MonthKey(date));

    /// <summary>Every version of every item, oldest first, by rule id: an award pins a version, a replay needs it back.</summary>
    public ImmutableDictionary<string, ImmutableList<PointsItem>> Items { get; init; } =
        ImmutableDictionary.Create<string, ImmutableList<PointsItem>>(StringComparer.Ordinal);

    /// <summary>The current version of <paramref name="ruleId"/>, or null.</summary>
    public PointsItem? CurrentItem(string ruleId) => Items.TryGetValue(ruleId, out var versions) ? versions[^1] : null;

    /// <summary>A given version of <paramref name="ruleId"/>, or null.</summary>
    public PointsItem? ItemVersion(string ruleId, int version) =>
        Items.TryGetValue(ruleId, out var versions) ? versions.FirstOrDefault(v => v.Version == version) : null;

    /// <summary>The registered partners (社区合伙人) by id.</summary>
    public ImmutableSortedDictionary<string, Partner> Partners { get; init; } =
        ImmutableSortedDictionary.Create<string, Partner>(StringComparer.Ordinal);

    /// <summary>The registered partner <paramref name="partnerId"/>, or null: the one check that a partner id is known here.</summary>
    public Partner? Partner(string partnerId) => Partners.GetValueOrDefault(partnerId);

    /// <summary>The current version of every item, by rule id.</summary>
    public IEnumerable<PointsItem> CurrentItems => Items.Values.Select(v => v[^1]).OrderBy(i => i.RuleId, StringComparer.Ordinal);
}
