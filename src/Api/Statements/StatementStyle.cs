namespace Ledger.Api.Statements;

/// <summary>
/// The statement's one stylesheet, inlined: the page must print and read well with no network (no CDN, no web fonts),
/// on A4, in type large enough for older residents, with the table header repeated on every printed page.
/// </summary>
internal static class StatementStyle
{
    public const string Css = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        * { box-sizing: border-box; }
        html { font-size: 16px; }
        body {
          margin: 0 auto; max-width: 210mm; padding: 16px; color: #111; background: #fff; line-height: 1.5;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif;
        }
        header { border-bottom: 2px solid #111; margin-bottom: 12px; padding-bottom: 8px; }
        h1 { font-size: 1.75rem; margin: 0; letter-spacing: 0.1em; }
        .ledger { margin: 0 0 8px; font-size: 1rem; color: #333; }
        dl.household { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 12px; margin: 8px 0 0; }
        dl.household dt { font-weight: bold; }
        dl.household dd { margin: 0; }
        .balances { display: flex; gap: 24px; margin: 12px 0; font-size: 1.125rem; }
        .balances strong { font-size: 1.375rem; }
        table { width: 100%; border-collapse: collapse; font-size: 1rem; }
        thead { display: table-header-group; }
        th, td { border: 1px solid #555; padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #eee; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.time, td.kind { white-space: nowrap; }
        td.member { min-width: 4.5em; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        tr.opening td, tr.closing td { font-weight: bold; background: #f6f6f6; }
        .remark { display: block; font-size: 0.9375rem; color: #333; }
        .negative { color: #b00020; }
        p.warning { border: 2px solid #b00020; padding: 8px; font-weight: bold; }
        footer { margin-top: 16px; font-size: 0.9375rem; color: #333; border-top: 1px solid #999; padding-top: 8px; }
        @media print {
          html { font-size: 12pt; }
          body { padding: 0; max-width: none; }
          th, tr.opening td, tr.closing td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
