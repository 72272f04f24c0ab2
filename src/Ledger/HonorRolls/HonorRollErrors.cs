using Ledger.Common;

namespace Ledger.HonorRolls;

/// <summary>The problem slugs of honour rolls.</summary>
public static class HonorRollErrors
{
    /// <summary>409: the period's roll is already published; a roll never changes.</summary>
    public static LedgerError AlreadyPublished(string communityId, string period) =>
        new("honor-roll-already-published", ErrorKind.Conflict, "Honour roll already published",
            $"The honour roll of '{communityId}' for {period} is already published and cannot change.",
            new Dictionary<string, object?> { ["communityId"] = communityId, ["period"] = period });

    /// <summary>404: no roll is published for the period.</summary>
    public static LedgerError NotFound(string communityId, string period) =>
        new("honor-roll-not-found", ErrorKind.NotFound, "Honour roll not found",
            $"No honour roll of '{communityId}' is published for {period}.",
            new Dictionary<string, object?> { ["communityId"] = communityId, ["period"] = period });
}
