using Ledger.Leaderboards;

namespace Ledger.Tests.Leaderboards;

public sealed class LeaderboardPeriodSpecs
{
    [Theory]
    [InlineData("2025-03", "2025-03-01", "2025-04-01", "2025年3月")]
    [InlineData("2025-12", "2025-12-01", "2026-01-01", "2025年12月")]
    [InlineData("2025-Q1", "2025-01-01", "2025-04-01", "2025年第一季度")]
    [InlineData("2025-Q4", "2025-10-01", "2026-01-01", "2025年第四季度")]
    [InlineData("2025", "2025-01-01", "2026-01-01", "2025年度")]
    public void A_period_is_a_half_open_range_of_months(string text, string first, string end, string chinese)
    {
        var period = LeaderboardPeriod.Parse(text)!;

        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(end), chinese), (period.FirstMonth!.Value, period.EndMonth!.Value, period.ChineseName));
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("2025-Q5")]
    [InlineData("2025-3")]
    [InlineData("25")]
    [InlineData("ALL")]
    [InlineData("2025-03 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_period(string? text) => Assert.Null(LeaderboardPeriod.Parse(text));

    [Fact]
    public void All_has_no_bounds_and_contains_every_month()
    {
        var all = LeaderboardPeriod.Parse("all")!;

        Assert.True(all.IsAll);
        Assert.Equal((null, null), all.InstantsIn("Asia/Shanghai"));
        Assert.True(all.Contains(new DateOnly(1999, 1, 1)));
    }

    [Fact]
    public void A_month_starts_at_local_midnight_of_the_community_zone()
    {
        var march = LeaderboardPeriod.Parse("2025-03")!;

        var (start, end) = march.InstantsIn("Asia/Shanghai");

        Assert.Equal(new DateTimeOffset(2025, 2, 28, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 16, 0, 0, TimeSpan.Zero), end);
        Assert.True(march.Contains(new DateOnly(2025, 3, 1)));
        Assert.False(march.Contains(new DateOnly(2025, 4, 1)));
    }
}
