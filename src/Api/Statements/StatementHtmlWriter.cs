using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Ledger.Api.Statements;

/// <summary>
/// The printable passbook statement (存折明细): one A4 page of HTML. Every value from the ledger passes through
/// <see cref="HtmlEncoder"/> (names and notes are free text typed by people); the page has no script and loads only its
/// stylesheet from this origin. Linked, not inline: a console writes the page into a window it opened, and such a window
/// keeps the console's Content-Security-Policy, which refuses inline styles.
/// </summary>
public static class StatementHtmlWriter
{
    /// <summary>The statement's stylesheet, served with the pages (<c>Pages/Shared/statement.css</c>).</summary>
    public const string Stylesheet = "/shared/statement.css";

    // Chinese stays readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page.</summary>
    public static string Write(StatementDocument document)
    {
        var labels = document.Labels;
        var statement = document.Statement;
        var community = document.Community;
        var household = document.Household;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(document.Language.HtmlTag()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(labels.Title)).Append(" · ").Append(E(statement.Passbook)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Stylesheet).Append("\">\n</head>\n<body>\n<header>\n")
            .Append("<p class=\"ledger\">").Append(E(labels.Ledger)).Append("</p>\n")
            .Append("<h1>").Append(E(labels.Title)).Append("</h1>\n<dl class=\"household\">\n");
        Term(html, "passbook", labels.Passbook, statement.Passbook);
        Term(html, "head", labels.Head, statement.HeadName);
        Term(html, "community", labels.Community, labels.Aside(community.Name, $"{community.District} {community.Street}"));
        Term(html, "members", labels.Members, string.Join(labels.ListSeparator, household.Members));
        if (household.Address is { Length: > 0 } address)
        {
            Term(html, "address", labels.Address, address);
        }

        Term(html, "star-level", labels.StarLevel, labels.StarsOf(statement.StarLevel));
        Term(html, "period", labels.Period, labels.PeriodOf(statement.From, statement.To));
        if (statement.AsOf is { } asOf)
        {
            Term(html, "as-of", labels.AsOf, document.LocalTime(asOf));
        }

        html.Append("</dl>\n</header>\n<main>\n<p class=\"balances\">");
        Balance(html, labels, "opening-balance", labels.OpeningBalance, statement.OpeningBalance);
        Balance(html, labels, "closing-balance", labels.ClosingBalance, statement.ClosingBalance);
        html.Append("</p>\n");
        if (statement.ClosingBalance < 0)
        {
            html.Append("<p class=\"warning\">").Append(E(labels.Negative)).Append("</p>\n");
        }

        WriteTable(html, document);
        foreach (var (sponsor, points) in document.Sponsors())
        {
            html.Append("<p class=\"thanks\">").Append(E(labels.Thanks(sponsor, points))).Append("</p>\n");
        }

        html.Append("</main>\n<footer>\n<p>")
            .Append(E(labels.GeneratedAt)).Append(E(labels.Colon)).Append("<span class=\"generated-at\">").Append(E(document.LocalTime(document.GeneratedAt)))
            .Append("</span> · ").Append(E(labels.LedgerPosition)).Append(E(labels.Colon)).Append("<span class=\"ledger-position\">")
            .Append(StatementDocument.Number(document.LedgerPosition)).Append("</span> · ").Append(E(labels.TimesIn(statement.TimeZone)))
            .Append("</p>\n<p>").Append(E(labels.Footer)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteTable(StringBuilder html, StatementDocument document)
    {
        var labels = document.Labels;
        var statement = document.Statement;
        html.Append("<table class=\"lines\">\n<thead><tr><th>").Append(E(labels.Time)).Append("</th><th>").Append(E(labels.Kind))
            .Append("</th><th>").Append(E(labels.Member)).Append("</th><th>").Append(E(labels.Reason))
            .Append("</th><th class=\"num\">").Append(E(labels.Points)).Append("</th><th class=\"num\">").Append(E(labels.Balance))
            .Append("</th></tr></thead>\n<tbody>\n");
        html.Append("<tr class=\"opening\"><td colspan=\"5\">").Append(E(labels.OpeningBalance)).Append("</td>");
        Cell(html, "num balance", StatementDocument.Number(statement.OpeningBalance), statement.OpeningBalance < 0);
        html.Append("</tr>\n");
        if (statement.Lines.Count == 0)
        {
            html.Append("<tr class=\"empty\"><td colspan=\"6\">").Append(E(labels.NoEntries)).Append("</td></tr>\n");
        }

        foreach (var line in statement.Lines)
        {
            html.Append("<tr class=\"line\" data-event-id=\"").Append(line.EventId).Append("\" data-kind=\"")
                .Append(E(JsonNamingPolicy.KebabCaseLower.ConvertName(line.Kind.ToString()))).Append("\">");
            Cell(html, "time", document.LocalTime(line.RecordedAt));
            Cell(html, "kind", document.KindOf(line));
            Cell(html, "member", line.Member);
            html.Append("<td class=\"reason\">").Append(E(document.ReasonOf(line)));
            if (document.RemarkOf(line) is { } remark)
            {
                html.Append("<span class=\"remark\">").Append(E(remark)).Append("</span>");
            }

            html.Append("</td>");
            Cell(html, "num points", StatementDocument.Signed(line.Points), line.Points < 0);
            Cell(html, "num balance", StatementDocument.Number(line.RunningBalance), line.RunningBalance < 0);
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n<tfoot><tr class=\"closing\"><td colspan=\"5\">").Append(E(labels.ClosingBalance)).Append("</td>");
        Cell(html, "num balance", StatementDocument.Number(statement.ClosingBalance), statement.ClosingBalance < 0);
        html.Append("</tr></tfoot>\n</table>\n");
    }

    private static void Term(StringBuilder html, string name, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd class=\"").Append(name).Append("\">").Append(E(value)).Append("</dd>\n");

    private static void Balance(StringBuilder html, StatementLabels labels, string name, string label, long value) =>
        html.Append("<span>").Append(E(label)).Append(E(labels.Colon)).Append("<strong class=\"").Append(name).Append(value < 0 ? " negative" : "")
            .Append("\">").Append(StatementDocument.Number(value)).Append("</strong></span>");

    private static void Cell(StringBuilder html, string classes, string value, bool negative = false) =>
        html.Append("<td class=\"").Append(classes).Append(negative ? " negative" : "").Append("\">").Append(E(value)).Append("</td>");

    private static string E(string value) => Encoder.Encode(value);
}
