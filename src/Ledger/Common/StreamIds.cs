namespace Ledger.Common;

/// <summary>
/// The stream ids of docs/architecture.md. Ids are <c>[A-Za-z0-9_-]{1,64}</c> (validated before they get here),
/// so the <c>-</c> after the prefix and the <c>/</c> between parts can never be confused with part of an id.
/// </summary>
public static class StreamIds
{
    /// <summary><c>community-{cid}</c>: registration, points items and the deduction policy.</summary>
    public static string Community(string communityId) => $"community-{communityId}";

    /// <summary><c>household-{passbook}</c>: one household's account.</summary>
    public static string Household(string passbook) => $"household-{passbook}";

    /// <summary><c>activity-{cid}/{aid}</c>: one volunteer activity and its participants.</summary>
    public static string Activity(string communityId, string activityId) => $"activity-{communityId}/{activityId}";

    /// <summary><c>sponsorship-{cid}/{id}</c>: one partner's sponsorship; for a points budget, every draw on it.</summary>
    public static string Sponsorship(string communityId, string sponsorshipId) => $"sponsorship-{communityId}/{sponsorshipId}";
}
