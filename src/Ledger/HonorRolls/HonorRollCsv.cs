using System.Globalization;
using System.Text;

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
        var csv = new StringBuilder("\uFEFFrank,passbook,headName,points,members,period,ledgerPosition,headHash\r\n");
        foreach (var e in roll.Entries)
        {
            var members = string.Join(';', e.Members.Select(m => $"{m.Member}:{m.Points.ToString(CultureInfo.InvariantCulture)}"));
            csv.Append(string.Join(',',
                    e.Rank.ToString(CultureInfo.InvariantCulture), Field(e.Passbook), Field(e.HeadName),
                    e.Points.ToString(CultureInfo.InvariantCulture), Field(members), Field(roll.Period),
                    roll.LedgerPosition.ToString(CultureInfo.InvariantCulture), roll.HeadHash))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    // Quote every free-text field that needs it; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it.
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
    }
}
