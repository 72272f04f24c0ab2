using Ledger.EventStore;

namespace Ledger.Communities;

/// <summary>The two rules an expiry policy may have.</summary>
public static class ExpiryRules
{
    /// <summary>Points never expire (the policy of a community that set none).</summary>
    public const string None = "none";

    /// <summary>Points earned on a day in year Y expire at the end of 31 December of year Y + N.</summary>
    public const string EndOfYear = "end-of-year";
}

/// <summary>
/// A community's expiry policy (积分有效期) as one version of it. Version 0 is the policy of a community that never set
/// one: nothing expires. Each earning pins the version in force when it is recorded (its <c>ExpiresOn</c>), so a later
/// change never shortens what residents were told.
/// </summary>
/// <param name="Version">1, 2, ... in the order the committee set them; 0 before any.</param>
/// <param name="Rule"><see cref="ExpiryRules.None"/> or <see cref="ExpiryRules.EndOfYear"/>.</param>
/// <param name="AfterYears">N of <see cref="ExpiryRules.EndOfYear"/> (0 to 10); null for <see cref="ExpiryRules.None"/>.</param>
/// <param name="SetAt">When this version was recorded; null for version 0.</param>
public sealed record ExpiryPolicy(int Version, string Rule, int? AfterYears, DateTimeOffset? SetAt)
{
    /// <summary>The most years a committee may keep points: a decade, far beyond any scheme seen in practice.</summary>
    public const int MaxAfterYears = 10;

    /// <summary>Before the committee sets a policy.</summary>
    public static ExpiryPolicy Initial { get; } = new(0, ExpiryRules.None, null, null);

    /// <summary>
    /// The last day points earned on <paramref name="occurredOn"/> count under this policy (they expire at its end in the
    /// community's zone), or null when they never expire.
    /// </summary>
    public DateOnly? ExpiresOn(DateOnly occurredOn) =>
        Rule == ExpiryRules.EndOfYear && AfterYears is { } years ? new DateOnly(occurredOn.Year + years, 12, 31) : null;

    /// <summary>True when <paramref name="rule"/> and <paramref name="afterYears"/> are what this version says.</summary>
    public bool Says(string rule, int? afterYears) => Rule == rule && AfterYears == afterYears;
}

/// <summary>The committee set the community's expiry policy. On <c>community-{cid}</c>.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Version">This policy's version: one more than the one before.</param>
/// <param name="Rule"><see cref="ExpiryRules.None"/> or <see cref="ExpiryRules.EndOfYear"/>.</param>
/// <param name="AfterYears">N of <see cref="ExpiryRules.EndOfYear"/>; null for <see cref="ExpiryRules.None"/>.</param>
[EventType("ExpiryPolicySet.v1")]
public sealed record ExpiryPolicySet(string CommunityId, int Version, string Rule, int? AfterYears) : ICommunityEvent;
