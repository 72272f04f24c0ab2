using System.Globalization;
using System.Net;
using System.Text;
using Redemption.Catalog;
using Redemption.Redemptions;

namespace Redemption.ShiftClose;

/// <summary>The shift close as a printable page: Chinese by default, English on request. Every value is HTML-encoded.</summary>
public static class ShiftCloseHtml
{
    /// <summary>Renders <paramref name="report"/>; <paramref name="english"/> switches the labels to English.</summary>
    public static string Render(ShiftCloseReport report, bool english)
    {
        var t = english ? Labels.English : Labels.Chinese;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{(english ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{E(t.Title)} {E(Day(report.Date))}</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:190mm}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}")
            .Append("th,td{border:1px solid #444;padding:.25em .5em;text-align:left}td.n{text-align:right}")
            .Append("@media print{body{margin:0}}</style></head><body>");
        html.Append($"<h1>{E(t.Title)}</h1><p>{E(t.Community)}: {E(report.CommunityName)} ({E(report.CommunityId)})<br>")
            .Append($"{E(t.Date)}: {E(Day(report.Date))} ({E(report.TimeZone)})<br>")
            .Append($"{E(t.Clerk)}: {E(report.ClerkName ?? report.Clerk)} ({E(report.Clerk)})</p>");

        html.Append($"<h2>{E(t.Points)}</h2><table><tr><th>{E(t.Redeemed)}</th><th>{E(t.Refunded)}</th><th>{E(t.Net)}</th></tr>")
            .Append($"<tr><td class=\"n\">{report.Points.Redeemed}</td><td class=\"n\">{report.Points.Refunded}</td>")
            .Append($"<td class=\"n\">{report.Points.Net}</td></tr></table>");

        html.Append($"<h2>{E(t.Redemptions)} ({report.Redemptions.Count})</h2><table><tr><th>{E(t.Time)}</th><th>{E(t.Passbook)}</th>")
            .Append($"<th>{E(t.Goods)}</th><th>{E(t.PointsColumn)}</th><th>{E(t.Status)}</th></tr>");
        foreach (var r in report.Redemptions.List)
        {
            html.Append($"<tr><td>{E(Time(r.At, report.TimeZone))}</td><td>{E(r.Passbook)} {E(r.Member)}</td><td>{E(r.Description)}</td>")
                .Append($"<td class=\"n\">{r.Points}</td><td>{E(r.Status == RedemptionStatus.Cancelled ? t.Cancelled : t.Completed)}</td></tr>");
        }

        html.Append($"</table><h2>{E(t.Cancellations)} ({report.Cancellations.Count})</h2><table><tr><th>{E(t.Time)}</th>")
            .Append($"<th>{E(t.Passbook)}</th><th>{E(t.PointsColumn)}</th><th>{E(t.Reason)}</th></tr>");
        foreach (var c in report.Cancellations.List)
        {
            html.Append($"<tr><td>{E(Time(c.At, report.TimeZone))}</td><td>{E(c.Passbook)}</td><td class=\"n\">{c.Points}</td>")
                .Append($"<td>{E(c.Reason)}</td></tr>");
        }

        html.Append($"</table><h2>{E(t.Items)}</h2><table><tr><th>{E(t.Sku)}</th><th>{E(t.Name)}</th><th>{E(t.Kind)}</th>")
            .Append($"<th>{E(t.Out)}</th><th>{E(t.Returned)}</th><th>{E(t.Net)}</th></tr>");
        foreach (var i in report.Items)
        {
            html.Append($"<tr><td>{E(i.Sku)}</td><td>{E(i.Name)}</td><td>{E(i.Kind == CatalogItemKind.Goods ? t.GoodsKind : t.ServiceKind)}</td>")
                .Append($"<td class=\"n\">{i.Out}</td><td class=\"n\">{i.Returned}</td><td class=\"n\">{i.Net}</td></tr>");
        }

        html.Append($"</table><h2>{E(t.Vouchers)}</h2><p>{E(t.Issued)}: {report.Vouchers.Issued} · {E(t.Fulfilled)}: {report.Vouchers.Fulfilled}</p>")
            .Append($"<p>{E(t.Signature)}: ____________________</p></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at, string timeZone) =>
        TimeZoneInfo.ConvertTime(at, Ledger.Common.CommunityCalendar.Zone(timeZone)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed record Labels(
        string Title, string Community, string Date, string Clerk, string Points, string Redeemed, string Refunded, string Net,
        string Redemptions, string Time, string Passbook, string Goods, string PointsColumn, string Status, string Completed,
        string Cancelled, string Cancellations, string Reason, string Items, string Sku, string Name, string Kind, string Out,
        string Returned, string GoodsKind, string ServiceKind, string Vouchers, string Issued, string Fulfilled, string Signature)
    {
        public static readonly Labels Chinese = new(
            "积分超市日结单", "社区", "日期", "管理员", "积分", "兑出", "退回", "净额", "兑换", "时间", "存折号", "商品/服务", "积分",
            "状态", "有效", "已撤销", "撤销", "原因", "出入库", "编号", "名称", "类别", "出库", "退回", "实物", "服务", "服务券",
            "签发", "核销", "签字");

        public static readonly Labels English = new(
            "Service supermarket shift close", "Community", "Date", "Clerk", "Points", "Redeemed", "Refunded", "Net", "Redemptions",
            "Time", "Passbook", "Goods / services", "Points", "Status", "Completed", "Cancelled", "Cancellations", "Reason",
            "Units out and back", "SKU", "Name", "Kind", "Out", "Returned", "Goods", "Service", "Vouchers", "Issued", "Fulfilled",
            "Signature");
    }
}
