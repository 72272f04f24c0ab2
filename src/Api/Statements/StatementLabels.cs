using System.Globalization;
using Ledger.Households.GetStatement;

namespace Ledger.Api.Statements;

/// <summary>Every word a printed or exported statement shows, in one language.</summary>
public sealed record StatementLabels
{
    /// <summary>简体中文.</summary>
    public static StatementLabels Chinese { get; } = new()
    {
        Title = "积分存折明细", Ledger = "党群服务超市积分账本", Passbook = "存折号", Head = "户主", Members = "家庭成员",
        Address = "住址", Community = "所属社区", Period = "期间", AllEntries = "全部账目", AsOf = "数据截至",
        OpeningBalance = "期初余额", ClosingBalance = "期末余额", Time = "时间", Kind = "类型", Member = "成员",
        Reason = "事由", Note = "备注", Points = "积分", Balance = "余额", RecordedBy = "记录人", EventId = "事件编号",
        Position = "账本位置", NoEntries = "本期没有积分变动。", GeneratedAt = "生成时间", LedgerPosition = "账本位置",
        Negative = "余额为负：在余额转正之前暂停兑换。",
        Footer = "本明细由积分账本生成，每一笔积分都可追溯到原始记录。",
        Thanks = (sponsor, points) => $"感谢 {sponsor} 资助本期积分 {points} 分",
        Kinds = new Dictionary<StatementLineKind, string>
        {
            [StatementLineKind.Award] = "积分奖励", [StatementLineKind.Deduction] = "扣分",
            [StatementLineKind.ActivityAward] = "志愿服务", [StatementLineKind.Correction] = "更正",
            [StatementLineKind.Redemption] = "兑换", [StatementLineKind.Refund] = "退还",
            [StatementLineKind.StarLevel] = "星级户",
        },
        StarLevel = "星级", StarsOf = stars => stars == 0 ? "尚未评星" : $"{new string('★', stars)} {"一二三四五"[stars - 1]}星级户",
        StarLevelReached = (stars, threshold) => $"评为{"一二三四五"[stars - 1]}星级户（累计获得积分达到 {threshold} 分）",
        PeriodFromTo = (from, to) => $"{from} 至 {to}", PeriodFrom = from => $"{from} 起", PeriodTo = to => $"截至 {to}",
        TimesIn = zone => $"时间均为 {zone} 当地时间", CorrectionOf = what => $"更正：{what}", ReasonIs = why => $"原因：{why}",
        NoteIs = note => $"备注：{note}", Shortfall = (due, applied) => $"应扣 {due} 分，余额不足，实扣 {applied} 分",
        Colon = "：", ListSeparator = "、", Aside = (main, aside) => $"{main}（{aside}）",
    };

    /// <summary>English.</summary>
    public static StatementLabels English { get; } = new()
    {
        Title = "Points Passbook Statement", Ledger = "Service Supermarket Points Ledger", Passbook = "Passbook No.",
        Head = "Head of household", Members = "Members", Address = "Address", Community = "Community", Period = "Period",
        AllEntries = "All entries", AsOf = "As of", OpeningBalance = "Opening balance", ClosingBalance = "Closing balance",
        Time = "Time", Kind = "Kind", Member = "Member", Reason = "Reason", Note = "Note", Points = "Points",
        Balance = "Balance", RecordedBy = "Recorded by", EventId = "Event id", Position = "Ledger position",
        NoEntries = "No points movements in this period.", GeneratedAt = "Generated at", LedgerPosition = "Ledger position",
        Negative = "The balance is negative: redemptions are paused until it is positive again.",
        Footer = "Generated from the points ledger; every entry can be traced to its original record.",
        Thanks = (sponsor, points) => $"With thanks to {sponsor}, who funded {points} points of this period",
        Kinds = new Dictionary<StatementLineKind, string>
        {
            [StatementLineKind.Award] = "Award", [StatementLineKind.Deduction] = "Deduction",
            [StatementLineKind.ActivityAward] = "Volunteer activity", [StatementLineKind.Correction] = "Correction",
            [StatementLineKind.Redemption] = "Redemption", [StatementLineKind.Refund] = "Refund",
            [StatementLineKind.StarLevel] = "Star level",
        },
        StarLevel = "Star level", StarsOf = stars => stars == 0 ? "none yet" : $"{new string('★', stars)} {stars}-star household",
        StarLevelReached = (stars, threshold) => $"Became a {stars}-star household ({threshold} points earned reached)",
        PeriodFromTo = (from, to) => $"{from} to {to}", PeriodFrom = from => $"from {from}", PeriodTo = to => $"up to {to}",
        TimesIn = zone => $"Times are local to {zone}", CorrectionOf = what => $"Correction of: {what}",
        ReasonIs = why => $"Reason: {why}", NoteIs = note => $"Note: {note}",
        Shortfall = (due, applied) => $"{due} points due; the balance allowed {applied}",
        Colon = ": ", ListSeparator = ", ", Aside = (main, aside) => $"{main} ({aside})",
    };

    public required string Title { get; init; }
    public required string Ledger { get; init; }
    public required string Passbook { get; init; }
    public required string Head { get; init; }
    public required string Members { get; init; }
    public required string Address { get; init; }
    public required string Community { get; init; }
    public required string Period { get; init; }
    public required string AllEntries { get; init; }
    public required string AsOf { get; init; }
    public required string OpeningBalance { get; init; }
    public required string ClosingBalance { get; init; }
    public required string Time { get; init; }
    public required string Kind { get; init; }
    public required string Member { get; init; }
    public required string Reason { get; init; }
    public required string Note { get; init; }
    public required string Points { get; init; }
    public required string Balance { get; init; }
    public required string RecordedBy { get; init; }
    public required string EventId { get; init; }
    public required string Position { get; init; }
    public required string NoEntries { get; init; }
    public required string GeneratedAt { get; init; }
    public required string LedgerPosition { get; init; }
    public required string Negative { get; init; }
    public required string Footer { get; init; }

    /// <summary>The line thanking a sponsor for the points it funded on the statement.</summary>
    public required Func<string, long, string> Thanks { get; init; }
    public required IReadOnlyDictionary<StatementLineKind, string> Kinds { get; init; }
    public required string StarLevel { get; init; }
    public required Func<int, string> StarsOf { get; init; }
    public required Func<int, long, string> StarLevelReached { get; init; }
    public required Func<string, string, string> PeriodFromTo { get; init; }
    public required Func<string, string> PeriodFrom { get; init; }
    public required Func<string, string> PeriodTo { get; init; }
    public required Func<string, string> TimesIn { get; init; }
    public required Func<string, string> CorrectionOf { get; init; }
    public required Func<string, string> ReasonIs { get; init; }
    public required Func<string, string> NoteIs { get; init; }
    public required Func<long, long, string> Shortfall { get; init; }
    public required string Colon { get; init; }
    public required string ListSeparator { get; init; }
    public required Func<string, string, string> Aside { get; init; }

    /// <summary>The labels of <paramref name="language"/>.</summary>
    public static StatementLabels For(StatementLanguage language) => language == StatementLanguage.English ? English : Chinese;

    /// <summary>The period line: from–to, from, to, or the whole history.</summary>
    public string PeriodOf(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) => PeriodFromTo(Day(f), Day(t)),
        ({ } f, null) => PeriodFrom(Day(f)),
        (null, { } t) => PeriodTo(Day(t)),
        _ => AllEntries,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
