using Ledger.Common;

namespace Ledger.Tests.Common;

/// <summary>The one CSV writer: RFC 4180 quoting, CRLF rows, formulas defused in text and never in figures.</summary>
public sealed class LedgerCsvTests
{
    [Fact]
    public void A_field_is_quoted_only_when_it_holds_a_comma_a_quote_or_a_line_break()
    {
        var csv = new LedgerCsv().Text("陈伟").Text("a,b").Text("say \"hi\"").Text("two\nlines").Text(" padded ").EndRow();

        Assert.Equal("陈伟,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\", padded \r\n", csv.ToString());
    }

    [Fact]
    public void Text_a_spreadsheet_would_run_is_defused_but_a_negative_figure_stays_a_number()
    {
        var csv = new LedgerCsv().Text("=SUM(A1)").Text("-5").Text("@x").Value(-5L).Value(1.5m).Value(true).Value(null).EndRow();

        Assert.Equal("'=SUM(A1),'-5,'@x,-5,1.5,true,\r\n", csv.ToString());
    }
}
