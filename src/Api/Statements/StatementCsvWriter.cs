using System.Text;

namespace Ledger.Api.Statements;

/// <summary>
/// A statement as CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), a
/// header row, an opening-balance row, then one row per entry with its running balance. Fields are quoted per RFC 4180,
/// and text that a spreadsheet would run as a formula is defused.
/// </summary>
public static class StatementCsvWriter
{
    /// <summary>The bytes of the CSV file, byte-order mark first.</summary>
    public static byte[] Write(StatementDocument document)
    {
        var labels = document.Labels;
        var statement = document.Statement;
        var csv = new StringBuilder();
        Row(csv, [$"{labels.Time} ({statement.TimeZone})", labels.Kind, labels.Member, labels.Reason, labels.Note,
            labels.Points, labels.Balance, labels.RecordedBy, labels.EventId, labels.Position]);
        Row(csv, ["", labels.OpeningBalance, "", "", "", "", StatementDocument.Number(statement.OpeningBalance), "", "", ""]);
        foreach (var line in statement.Lines)
        {
            Row(csv,
            [
                document.LocalTime(line.RecordedAt), document.KindOf(line), Text(line.Member), Text(document.ReasonOf(line)),
                Text(line.Note ?? ""), StatementDocument.Signed(line.Points), StatementDocument.Number(line.RunningBalance),
                Text(line.Principal), line.EventId.ToString(), StatementDocument.Number(line.Position),
            ]);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. preamble, .. body];
    }

    // A cell a spreadsheet would evaluate (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, the
    // usual defence against CSV formula injection: names and notes are free text typed by people.
    private static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void Row(StringBuilder csv, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }

        csv.Append("\r\n");
    }
}
