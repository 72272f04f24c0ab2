using System.Globalization;
using CsvHelper;

namespace Ledger.Common;

/// <summary>
/// The ledger's one CSV writer (RFC 4180, on CsvHelper): comma-separated, CRLF rows, a field quoted only when it holds
/// a comma, a quote or a line break, numbers in the invariant culture. Text typed by people goes through
/// <see cref="Text"/>, which defuses what a spreadsheet would run as a formula; figures go through <see cref="Value"/>,
/// so a negative number stays a number.
/// </summary>
public sealed class LedgerCsv
{
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;

    /// <summary>An empty file.</summary>
    /// <remarks>
    /// CsvHelper's defaults are RFC 4180's: CRLF, quoted when needed. Its injection option is left off: every field
    /// is written as a string here, so it could not tell a figure (-5) from text; <see cref="Text"/> defuses instead.
    /// </remarks>
    public LedgerCsv() => _csv = CsvWriter.Create(_text, CsvWriterOptions.Default, leaveOpen: true);

    /// <summary>
    /// A free-text field. One that a spreadsheet would evaluate (=, +, -, @, tab or carriage return first) is prefixed
    /// with an apostrophe, the usual defence against CSV formula injection.
    /// </summary>
    public LedgerCsv Text(string? value)
    {
        var text = value ?? "";
        _csv.WriteField(text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text);
        return this;
    }

    /// <summary>A figure or other value of the ledger's own (an id, a hash, a date), written as it is.</summary>
    public LedgerCsv Value(object? value)
    {
        _csv.WriteField(value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        });
        return this;
    }

    /// <summary>Ends the row.</summary>
    public LedgerCsv EndRow()
    {
        _csv.EndRecord();
        return this;
    }

    /// <summary>The file so far.</summary>
    public override string ToString()
    {
        _csv.Flush();
        return _text.ToString();
    }
}
