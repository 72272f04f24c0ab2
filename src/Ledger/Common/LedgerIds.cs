using System.Text.RegularExpressions;

namespace Ledger.Common;

/// <summary>The shape of every id in the ledger (community, passbook, sku, rule, activity).</summary>
public static partial class LedgerIds
{
    /// <summary>1 to 64 letters, digits, <c>-</c> or <c>_</c>: never a <c>/</c>, which separates ids in stream names.</summary>
    public const string Pattern = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>The message validators give for an id of the wrong shape.</summary>
    public const string Message = "must be 1 to 64 letters, digits, '-' or '_'.";

    /// <summary>True when <paramref name="id"/> has the shape of an id.</summary>
    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
