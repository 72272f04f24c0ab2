using System.Globalization;
using Ledger.Common;

namespace Ledger.HonorRolls;

/// <summary>A published roll as CSV (RFC 4180): one row per household, members as <c>name:points</c> joined by <c>;</c>.</summary>
public static class HonorRollCsv
{
    /// <summary>
    /// Renders <paramref name="roll"/>, starting with a byte order mark like the statement's CSV: spreadsheet programs
    /// on Chinese Windows read a CSV without one in the local code page and garble every name.
    /// </summary>
    public static string Render(HonorRollResponse roll)
    {
        var csv = new LedgerCsv();
        foreach (var column in new[] { "rank", "passbook", "headName", "points", "members", "period", "ledgerPosition", "headHash" })
        {
            csv.Value(column);
        }

        csv.EndRow();
        foreach (var e in roll.Entries)
        {
            var members = string.Join(";", e.Members.Select(m => $"{m.Member}:{m.Points.ToString(CultureInfo.InvariantCulture)}"));
            csv.Value(e.Rank).Text(e.Passbook).Text(e.HeadName).Value(e.Points).Text(members).Text(roll.Period)
                .Value(roll.LedgerPosition).Value(roll.HeadHash).EndRow();
        }

        // The byte order mark is the text's first character, so whoever encodes the answer as UTF-8 writes it.
        return "\uFEFF" + csv;
    }
}
