using System.Text.RegularExpressions;

namespace Redemption.Common;

/// <summary>
/// Redemption and voucher ids. A voucher id is its redemption's id and a unit number (<c>{rid}-{n}</c>), so a voucher
/// lives on its redemption's stream: fulfilling a voucher and cancelling the redemption guard the same stream version,
/// and can never both win a race.
/// </summary>
public static partial class RedemptionIds
{
    /// <summary>A new redemption id: 32 lower-case hex digits of a time-ordered GUID.</summary>
    public static string NewRedemptionId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>The id of the <paramref name="unit"/>-th voucher (1-based) of a redemption.</summary>
    public static string Voucher(string redemptionId, int unit) => $"{redemptionId}-{unit}";

    /// <summary>True for a string shaped like a redemption id.</summary>
    public static bool IsRedemptionId(string? value) => value is not null && RedemptionPattern().IsMatch(value);

    /// <summary>Splits a voucher id into its redemption id; false when it is not shaped like one.</summary>
    public static bool TryParseVoucher(string? voucherId, out string redemptionId)
    {
        var match = voucherId is null ? Match.Empty : VoucherPattern().Match(voucherId);
        redemptionId = match.Success ? match.Groups["rid"].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@"\A[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RedemptionPattern();

    [GeneratedRegex(@"\A(?<rid>[0-9a-f]{32})-[1-9][0-9]{0,5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VoucherPattern();
}
