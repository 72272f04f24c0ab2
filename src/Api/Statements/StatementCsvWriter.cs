using System.Text;
using Ledger.Common;

namespace Ledger.Api.Statements;

/// <summary>
/// A statement as CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), a
/// header row, an opening-balance row, then one row per entry with its running balance. Written by
/// <see cref="LedgerCsv"/>: fields quoted per RFC 4180, and text that a spreadsheet would run as a formula defused.
/// </summary>
public static class StatementCsvWriter
{
    /// <summary>The bytes of the CSV file, byte-order mark first.</summary>
    public static byte[] Write(StatementDocument document)
    {
        var labels = document.Labels;
        var statement = document.Statement;
        var csv = new LedgerCsv();
        Row(csv, [$"{labels.Time} ({statement.TimeZone})", labels.Kind, labels.Member, labels.Reason, labels.Note,
            labels.Points, labels.Balance, labels.RecordedBy, labels.EventId, labels.Position]);
        Row(csv, ["", labels.OpeningBalance, "", "", "", "", StatementDocument.Number(statement.OpeningBalance), "", "", ""]);
        foreach (var line in statement.Lines)
        {
            csv.Value(document.LocalTime(line.RecordedAt)).Value(document.KindOf(line)).Text(line.Member)
                .Text(document.ReasonOf(line)).Text(line.Note).Value(StatementDocument.Signed(line.Points))
                .Value(StatementDocument.Number(line.RunningBalance)).Text(line.Principal).Value(line.EventId)
                .Value(StatementDocument.Number(line.Position)).EndRow();
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // Headings and labels are the ledger's own words, written as they are.
    private static void Row(LedgerCsv csv, string[] fields)
    {
        foreach (var field in fields)
        {
            csv.Value(field);
        }

        csv.EndRow();
    }
}
