namespace LonghuPilot.Plan;

/// <summary>
/// Builds the whole pilot from a seed. The district totals come first (the article's 近300次 and 1300余人次 as ranges
/// the seed picks from), are shared out over the communities by how long each was in the pilot, and each community is
/// then generated from a random source of its own, so adding a community never reshuffles another.
/// </summary>
public static class PlanBuilder
{
    /// <summary>The plan for <paramref name="seed"/> at <paramref name="scale"/>; the same arguments give the same plan.</summary>
    public static PilotPlan Build(int seed, PilotScale scale)
    {
        var sites = LonghuDistrict.SitesFor(scale.CommunitiesPerBatch);
        var random = new Random(seed);
        var activities = random.Next(scale.Activities.Min, scale.Activities.Max + 1);
        var participations = random.Next(scale.Participations.Min, scale.Participations.Max + 1);
        var households = sites.Select(_ => random.Next(scale.Households.Min, scale.Households.Max + 1)).ToArray();

        // Batch 1 ran from March, batch 2 from July: ten months against six, give or take how busy a community was.
        var weights = sites.Select(s => (s.Batch == 1 ? 10 : 6) * (0.8 + 0.4 * random.NextDouble())).ToArray();
        var activityCounts = Apportion(activities, weights, [.. sites.Select(_ => 1)]);
        // Every household takes part at least once, so "households taking part" and "households opened" agree.
        var participationCounts = Apportion(
            participations, [.. activityCounts.Select(a => (double)a)], [.. households.Select((h, i) => Math.Max(h, activityCounts[i]))]);

        var communities = sites.Select((site, i) => new CommunityBuilder(
                site, new Random(unchecked(seed * 7919 + i + 1)), scale)
            .Build(households[i], activityCounts[i], participationCounts[i], partners: i == 0)).ToList();
        return new PilotPlan(seed, scale, LonghuDistrict.Name, communities);
    }

    /// <summary>Shares <paramref name="total"/> out: each its minimum, the rest by weight (largest remainder).</summary>
    internal static int[] Apportion(int total, double[] weights, int[] minimum)
    {
        var rest = total - minimum.Sum();
        if (rest < 0)
        {
            throw new ArgumentException($"The minimums ({minimum.Sum()}) exceed the total ({total}).", nameof(minimum));
        }

        var exact = weights.Select(w => rest * w / weights.Sum()).ToArray();
        var shares = exact.Select((e, i) => minimum[i] + (int)Math.Floor(e)).ToArray();
        var left = total - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
        {
            shares[i]++;
        }

        return shares;
    }
}
