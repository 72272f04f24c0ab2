using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ledger.Api.Statements;
using Ledger.Common;
using Redemption.Partners;

namespace Ledger.Api.Settlements;

/// <summary>
/// A partner's settlement of a month (核销结算单) as a file: CSV for spreadsheets (UTF-8 with a byte-order mark, through
/// the ledger's one CSV writer) and a printable A4 page the partner and the committee sign. The page has no script and
/// loads only its stylesheet from this origin, like the passbook statement, so it prints from a window a page opened.
/// </summary>
public static class SettlementDocument
{
    /// <summary>The page's stylesheet, served with the partner's page (<c>Pages/Partner/settlement.css</c>).</summary>
    public const string Stylesheet = "/partner/settlement.css";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Yuan with two decimals from fen: 1250 is 12.50.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The CSV file's bytes: a header row, one row per sku, the total row.</summary>
    public static byte[] Csv(SettlementResponse settlement, StatementLanguage language)
    {
        var t = Labels.Of(language);
        var csv = new LedgerCsv();
        foreach (var heading in new[] { t.Sku, t.Service, t.Count, t.Points, t.AmountFen, t.AmountYuan })
        {
            csv.Value(heading);
        }

        csv.EndRow();
        foreach (var line in settlement.Lines)
        {
            csv.Value(line.Sku).Text(line.Name).Value(line.Count).Value(line.Points).Value(line.AmountFen).Value(Yuan(line.AmountFen)).EndRow();
        }

        csv.Value(t.Total).Value("").Value(settlement.Count).Value(settlement.Points).Value(settlement.AmountFen)
            .Value(Yuan(settlement.AmountFen)).EndRow();
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>The printable page, generated at <paramref name="generatedAt"/> (shown in the community's zone).</summary>
    public static string Html(SettlementResponse settlement, StatementLanguage language, DateTimeOffset generatedAt, string timeZone)
    {
        var t = Labels.Of(language);
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language.HtmlTag()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(t.Title)).Append(" · ").Append(E(settlement.PartnerName)).Append(' ').Append(E(settlement.Period))
            .Append("</title>\n<link rel=\"stylesheet\" href=\"").Append(Stylesheet).Append("\">\n</head>\n<body>\n<header>\n<h1>")
            .Append(E(t.Title)).Append("</h1>\n<dl class=\"parties\">\n");
        Term(html, t.Community, $"{settlement.CommunityName} ({settlement.CommunityId})");
        Term(html, t.Partner, $"{settlement.PartnerName} ({settlement.PartnerId})");
        Term(html, t.Period, settlement.Period);
        Term(html, t.Generated, TimeZoneInfo.ConvertTime(generatedAt, CommunityCalendar.Zone(timeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        html.Append("</dl>\n</header>\n<table>\n<thead><tr><th>").Append(E(t.Sku)).Append("</th><th>").Append(E(t.Service))
            .Append("</th><th class=\"num\">").Append(E(t.Count)).Append("</th><th class=\"num\">").Append(E(t.Points))
            .Append("</th><th class=\"num\">").Append(E(t.AmountYuan)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var line in settlement.Lines)
        {
            Row(html, "", line.Sku, line.Name, line.Count, line.Points, line.AmountFen);
        }

        if (settlement.Lines.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"empty\">").Append(E(t.None)).Append("</td></tr>\n");
        }

        Row(html, " class=\"total\"", t.Total, "", settlement.Count, settlement.Points, settlement.AmountFen);
        html.Append("</tbody>\n</table>\n<p class=\"note\">").Append(E(t.Note)).Append("</p>\n<section class=\"signatures\">\n");
        foreach (var party in new[] { t.PartnerSignature, t.CommitteeSignature })
        {
            html.Append("<div class=\"signature\"><p>").Append(E(party)).Append("</p><p class=\"line\">").Append(E(t.Signature))
                .Append("</p><p class=\"line\">").Append(E(t.Date)).Append("</p></div>\n");
        }

        return html.Append("</section>\n</body>\n</html>\n").ToString();
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static void Row(StringBuilder html, string attributes, string sku, string name, long count, long points, long fen) =>
        html.Append("<tr").Append(attributes).Append("><td>").Append(E(sku)).Append("</td><td>").Append(E(name))
            .Append("</td><td class=\"num\">").Append(count.ToString(CultureInfo.InvariantCulture))
            .Append("</td><td class=\"num\">").Append(points.ToString(CultureInfo.InvariantCulture))
            .Append("</td><td class=\"num\">").Append(Yuan(fen)).Append("</td></tr>\n");

    private static string E(string text) => Encoder.Encode(text);

    private sealed record Labels(
        string Title, string Community, string Partner, string Period, string Generated, string Sku, string Service, string Count,
        string Points, string AmountFen, string AmountYuan, string Total, string None, string Note, string PartnerSignature,
        string CommitteeSignature, string Signature, string Date)
    {
        private static readonly Labels Chinese = new(
            "核销结算单", "社区", "合伙人", "结算月份", "生成时间", "服务编号", "服务名称", "核销数量", "积分", "结算金额（分）",
            "结算金额（元）", "合计", "本月无核销", "按各服务券兑换时的结算价计算；核销月份以社区所在时区为准。", "合伙人（签章）",
            "社区两委（签章）", "签字：________________", "日期：________________");

        private static readonly Labels English = new(
            "Voucher settlement", "Community", "Partner", "Month", "Generated", "SKU", "Service", "Vouchers served", "Points",
            "Amount (fen)", "Amount (yuan)", "Total", "No vouchers served this month",
            "Each voucher at the settlement price of the version it was redeemed at; months in the community's time zone.",
            "Partner (seal)", "Community committee (seal)", "Signature: ________________", "Date: ________________");

        public static Labels Of(StatementLanguage language) => language == StatementLanguage.English ? English : Chinese;
    }
}
