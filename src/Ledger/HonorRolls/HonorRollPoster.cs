using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Ledger.Common;
using Ledger.Leaderboards;

namespace Ledger.HonorRolls;

/// <summary>
/// The printable poster of a published roll: one self-contained A4 HTML page (inline CSS, no scripts, fonts or images
/// fetched from anywhere), Chinese by default, English with <c>lang=en</c>. Every text from the ledger is HTML-encoded.
/// The footer prints the ledger position and head hash so a reader can ask an auditor to verify the roll.
/// </summary>
public static class HonorRollPoster
{
    // Print: a top 20 must fit one A4 sheet, so on paper each household takes one line (its members follow the head in
    // small type instead of below it) and the margins, title and padding shrink; on screen the roomy layout stays.
    private const string Style = """
        @page { size: A4; margin: 12mm; }
        body { font-family: "Noto Serif CJK SC", "Songti SC", serif; color: #7a0a0a; margin: 0; }
        .poster { border: 6px double #b8860b; padding: 12mm; min-height: 240mm; box-sizing: border-box; }
        h1 { text-align: center; font-size: 40pt; letter-spacing: .3em; margin: 0 0 4mm; color: #c00000; }
        .sub { text-align: center; font-size: 16pt; margin: 0 0 8mm; }
        table { width: 100%; border-collapse: collapse; font-size: 14pt; color: #222; }
        th, td { border-bottom: 1px solid #d9b38c; padding: 3mm 2mm; text-align: left; }
        td.rank, td.points { text-align: center; font-weight: bold; }
        .members { display: block; font-size: 10pt; color: #555; }
        .published { text-align: right; margin-top: 10mm; font-size: 12pt; }
        footer { margin-top: 8mm; font-size: 7pt; color: #777; word-break: break-all; }
        @media print {
          html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .poster { min-height: 0; padding: 7mm 10mm; }
          h1 { font-size: 30pt; margin-bottom: 1mm; }
          .sub { font-size: 14pt; margin-bottom: 4mm; }
          table { font-size: 12pt; line-height: 1.25; }
          th, td { padding: 1.1mm 2mm; }
          tr { break-inside: avoid; }
          .members { display: inline; font-size: 9pt; margin-left: 2mm; }
          .published { margin-top: 4mm; }
          footer { margin-top: 2mm; }
        }
        """;

    /// <summary>Renders <paramref name="roll"/>; <paramref name="english"/> picks English labels.</summary>
    public static string Render(HonorRollResponse roll, string timeZoneId, bool english)
    {
        var period = LeaderboardPeriod.Parse(roll.Period)!;
        var published = CommunityCalendar.DateOf(roll.PublishedAt, timeZoneId);
        var l = english
            ? new Labels("en", "Honour Roll", period.EnglishName, "Rank", "Household", "Head of household", "Points",
                "Published " + published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), "Ledger position", "head hash", "No household earned points in this period.")
            : new Labels("zh-CN", "荣誉榜", period.ChineseName, "名次", "户号", "户主", "积分",
                $"发布日期：{published.Year}年{published.Month}月{published.Day}日", "账本位置", "哈希", "本期暂无积分记录。");
        var h = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{l.Lang}\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{h.Encode($"{roll.CommunityName} {l.Title} {l.Period}")}</title><style>{Style}</style></head><body>")
            .Append("<main class=\"poster\">")
            .Append($"<h1>{h.Encode(l.Title)}</h1>")
            .Append($"<p class=\"sub\"><span class=\"community\">{h.Encode(roll.CommunityName)}</span> · <span class=\"period\">{h.Encode(l.Period)}</span></p>");
        if (roll.Entries.Count == 0)
        {
            html.Append($"<p class=\"empty\">{h.Encode(l.Empty)}</p>");
        }
        else
        {
            html.Append($"<table><thead><tr><th>{l.Rank}</th><th>{l.Household}</th><th>{l.Head}</th><th>{l.Points}</th></tr></thead><tbody>");
            foreach (var e in roll.Entries)
            {
                var members = string.Join(english ? ", " : "、", e.Members.Select(m => $"{m.Member} {m.Points}"));
                html.Append("<tr>")
                    .Append($"<td class=\"rank\">{e.Rank}</td>")
                    .Append($"<td class=\"passbook\">{h.Encode(e.Passbook)}</td>")
                    .Append($"<td class=\"head\">{h.Encode(e.HeadName)}<span class=\"members\">{h.Encode(members)}</span></td>")
                    .Append($"<td class=\"points\">{e.Points}</td>")
                    .Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append($"<p class=\"published\">{h.Encode(l.Published)}</p>")
            .Append($"<footer>{l.Position} <span class=\"position\">{roll.LedgerPosition}</span> · {l.Hash} <span class=\"hash\">{h.Encode(roll.HeadHash)}</span></footer>")
            .Append("</main></body></html>");
        return html.ToString();
    }

    private sealed record Labels(
        string Lang, string Title, string Period, string Rank, string Household, string Head, string Points, string Published,
        string Position, string Hash, string Empty);
}
