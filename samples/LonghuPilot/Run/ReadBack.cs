using LonghuPilot.Client;
using LonghuPilot.Plan;
using Spectre.Console;

namespace LonghuPilot.Run;

/// <summary>
/// Reads the pilot back from the server with an auditor key and compares it with what was sent: community counts,
/// district and community statistics, the showcase community's leaderboard, the district ranking, and verify.
/// Endpoints the server does not offer yet (404) are reported as not available, not as failures.
/// </summary>
public sealed class ReadBack(LedgerClient client, string auditorKey, PilotReport report, PilotConsole progress)
{
    private readonly PilotPlan _plan = report.Plan;
    private readonly string _district = Uri.EscapeDataString(report.Plan.District);
    private readonly string _period = PilotRunner.Period;

    /// <summary>Reads and prints everything, recording mismatches in the report.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await progress.PhaseAsync("Read back", async () => $"{await CountsAsync(ct)} communities read");
        await DistrictStatsAsync(ct);
        await YearAsync(ct);
        await CommunityAsync(_plan.Communities[0], ct);
        await new PilotSponsors(client, _plan.Communities[0]).ReadBackAsync(auditorKey, report, ct);
        await new PilotPartners(client, _plan.Communities[0]).ReadBackAsync(auditorKey, report, ct);
        await RankingAsync(ct);
        await VerifyAsync(ct);
    }

    private async Task<int> CountsAsync(CancellationToken ct)
    {
        long households = 0, activities = 0, participations = 0;
        foreach (var community in _plan.Communities)
        {
            var read = await client.GetAsync<CommunityAnswer>(auditorKey, $"/api/communities/{community.Site.Id}", ct);
            Check($"{community.Site.Name} households", community.Expected.Households, read.Households);
            Check($"{community.Site.Name} activities", community.Expected.Activities, read.Activities);
            Check($"{community.Site.Name} participations", community.Expected.Participations, read.Participations);
            (households, activities, participations) = (households + read.Households, activities + read.Activities, participations + read.Participations);
        }

        report.Counts = (households, activities, participations);
        return _plan.Communities.Count;
    }

    private async Task DistrictStatsAsync(CancellationToken ct)
    {
        var (stats, missing) = await client.GetOptionalAsync<StatsAnswer>(auditorKey, $"/api/districts/{_district}/stats?period={_period}", ct);
        if (stats is null)
        {
            Unavailable($"District statistics: {missing}. Counts from GET /api/communities/{{cid}}: {report.Counts.Households} households, "
                + $"{report.Counts.Activities} activities, {report.Counts.Participations} participations.");
            return;
        }

        var ours = _plan.Communities.Select(c => c.Site.Id).ToHashSet();
        var others = (stats.PerCommunity ?? []).Where(c => c.CommunityId is not null && !ours.Contains(c.CommunityId)).ToList();
        if (others.Count > 0)
        {
            // Someone else's communities in the same district (samples/ledger.http's, say): compare the pilot's part.
            progress.Warn($"{_plan.District} also holds {others.Count} communities this run did not create; comparing the pilot's {ours.Count}.");
            stats = Sum(stats, (stats.PerCommunity ?? []).Where(c => ours.Contains(c.CommunityId ?? "")));
        }

        report.DistrictStats = stats;
        Figures($"{_plan.District} statistics, period {_period} (article: 近300次活动, 1300余人次)", _plan.Expected, stats);
    }

    /// <summary>
    /// The district's statistics for period 2024, by the days things occurred on: every activity, participation (人次) and
    /// award was dated in 2024, so the year holds all of them and every household; deductions, corrections and the
    /// counter occur on the day the sample records them, so they are compared for period <c>all</c> above, not here.
    /// </summary>
    private async Task YearAsync(CancellationToken ct)
    {
        var year = PilotRunner.Year;
        var (stats, missing) = await client.GetOptionalAsync<StatsAnswer>(auditorKey, $"/api/districts/{_district}/stats?period={year}", ct);
        if (stats is null)
        {
            Unavailable($"District statistics for {year}: {missing}.");
            return;
        }

        var ours = _plan.Communities.Select(c => c.Site.Id).ToHashSet();
        stats = Sum(stats, (stats.PerCommunity ?? []).Where(c => ours.Contains(c.CommunityId ?? "")));
        report.YearStats = stats;
        var table = new Table().Title($"{_plan.District} statistics, period {year}").AddColumns("figure", "sent", "server", "");
        void Row(string name, long expected, long actual) =>
            table.AddRow(name, $"{expected:N0}", $"{actual:N0}", Check($"period {year}: {name}", expected, actual) ? "[green]✓[/]" : "[red]✗[/]");

        Row("activities", _plan.Expected.Activities, stats.Activities);
        Row("participations (人次)", _plan.Expected.Participations, stats.Participations);
        Row("households", _plan.Expected.Households, stats.Households);
        Row("points issued", _plan.Expected.PointsIssued, stats.PointsIssued);
        progress.Console.Write(table);
    }

    private async Task CommunityAsync(CommunityPlan community, CancellationToken ct)
    {
        var cid = community.Site.Id;
        var (stats, missing) = await client.GetOptionalAsync<StatsAnswer>(auditorKey, $"/api/communities/{cid}/stats?period={_period}", ct);
        if (stats is null)
        {
            Unavailable($"{community.Site.Name} statistics: {missing}.");
        }
        else
        {
            report.CommunityStats = stats;
            Figures($"{community.Site.Name} statistics, period {_period}", community.Expected, stats);
        }

        var board = await client.GetAsync<LeaderboardAnswer>(auditorKey, $"/api/communities/{cid}/leaderboard?period={_period}&top=5", ct);
        report.Leaderboard = board;
        var table = new Table().Title($"{community.Site.Name}: top households, period {_period}")
            .AddColumns("rank", "passbook", "head", "points", "most points");
        foreach (var row in board.Entries)
        {
            table.AddRow($"{row.Rank}", row.Passbook, row.HeadName, $"{row.Points:N0}", row.Members.FirstOrDefault()?.Member ?? "");
        }

        progress.Console.Write(table);
        var best = community.EarnedByPassbook.Values.Max();
        Check($"{community.Site.Name} rank 1 points", best, board.Entries.FirstOrDefault()?.Points ?? 0);
        Check($"{community.Site.Name} rank 1 households",
            community.EarnedByPassbook.Count(e => e.Value == best), board.Entries.Count(e => e.Rank == 1));
    }

    private async Task RankingAsync(CancellationToken ct)
    {
        var (ranking, missing) = await client.GetOptionalAsync<DistrictBoardAnswer>(
            auditorKey, $"/api/districts/{_district}/leaderboard?period={_period}&by=points&top=100", ct);
        if (ranking is null)
        {
            Unavailable($"District ranking: {missing}.");
            return;
        }

        report.Ranking = ranking;
        var table = new Table().Title($"{_plan.District}: communities ranked by points earned, period {_period}")
            .AddColumns("rank", "community", "households", "points earned", "per household", "participations");
        foreach (var row in ranking.Entries)
        {
            table.AddRow($"{row.Rank}", row.Name, $"{row.Households}", $"{row.PointsEarned:N0}", $"{row.PointsPerHousehold:0.0}", $"{row.Participations}");
            if (_plan.Communities.FirstOrDefault(c => c.Site.Id == row.CommunityId) is { } ours)
            {
                Check($"{ours.Site.Name} ranked participations", ours.Expected.Participations, row.Participations);
            }
        }

        progress.Console.Write(table);
    }

    private async Task VerifyAsync(CancellationToken ct)
    {
        var (verify, missing) = await client.GetOptionalAsync<VerifyAnswer>(auditorKey, "/api/audit/verify", ct);
        if (verify is null)
        {
            Unavailable($"Verify: {missing}.");
            return;
        }

        report.Verify = verify;
        var problems = verify.Problems ?? [];
        progress.Line($"Verify: {(verify.Ok ? "ok" : "FAILED")}, {verify.Events:N0} events in {verify.Streams:N0} streams, head hash {verify.HeadHash}");
        foreach (var problem in problems.Take(5))
        {
            progress.Warn($"{problem.Stream} at {problem.Position}: {problem.Kind} {problem.Detail}");
        }

        if (!verify.Ok)
        {
            report.Mismatches.Add($"verify found {problems.Count} problems");
        }
    }

    private void Figures(string title, Figures sent, StatsAnswer read)
    {
        var table = new Table().Title(title).AddColumns("figure", "sent", "server", "");
        void Row(string name, long expected, long actual) =>
            table.AddRow(name, $"{expected:N0}", $"{actual:N0}", Check($"{title}: {name}", expected, actual) ? "[green]✓[/]" : "[red]✗[/]");

        Row("activities", sent.Activities, read.Activities);
        Row("participations (人次)", sent.Participations, read.Participations);
        Row("households", sent.Households, read.Households);
        Row("points issued", sent.PointsIssued, read.PointsIssued);
        Row("points deducted", sent.PointsDeducted, read.PointsDeducted);
        Row("points corrected", sent.PointsCorrected, read.PointsCorrected);
        Row("points redeemed", sent.PointsRedeemed, read.PointsRedeemed);
        Row("points refunded", sent.PointsRefunded, read.PointsRefunded);
        Row("points outstanding", sent.PointsOutstanding, read.PointsOutstanding);
        table.AddRow("redemptions", $"{sent.Redemptions:N0} ({sent.Cancelled} cancelled)", $"{read.Redemptions:N0}", "");
        progress.Console.Write(table);
    }

    private bool Check(string what, long sent, long read)
    {
        if (sent != read)
        {
            report.Mismatches.Add($"{what}: sent {sent}, server says {read}");
        }

        return sent == read;
    }

    private void Unavailable(string line)
    {
        report.Unavailable.Add(line);
        progress.Line(line);
    }

    private static StatsAnswer Sum(StatsAnswer district, IEnumerable<StatsAnswer> parts)
    {
        var list = parts.ToList();
        return district with
        {
            Activities = list.Sum(p => p.Activities), Participations = list.Sum(p => p.Participations), Households = list.Sum(p => p.Households),
            PointsIssued = list.Sum(p => p.PointsIssued), PointsDeducted = list.Sum(p => p.PointsDeducted),
            PointsCorrected = list.Sum(p => p.PointsCorrected), PointsRedeemed = list.Sum(p => p.PointsRedeemed),
            PointsRefunded = list.Sum(p => p.PointsRefunded), PointsOutstanding = list.Sum(p => p.PointsOutstanding),
            Redemptions = list.Sum(p => p.Redemptions), Communities = list.Count, PerCommunity = list,
        };
    }
}
