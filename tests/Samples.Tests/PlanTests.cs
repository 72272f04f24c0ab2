using System.Text.Json;
using LonghuPilot.Client;
using LonghuPilot.Plan;

namespace Ledger.Samples.Tests;

public sealed class PlanTests
{
    [Theory]
    [InlineData(2024)]
    [InlineData(1)]
    [InlineData(77)]
    public void The_full_plan_has_the_articles_shape_20_communities_in_two_batches_near_300_activities_and_over_1300_participations(int seed)
    {
        var plan = PlanBuilder.Build(seed, PilotScale.Full);

        Assert.Equal(20, plan.Communities.Count);
        Assert.Equal(10, plan.Communities.Count(c => c.Site.Batch == 1));
        Assert.All(new[] { "津海社区", "东和社区", "大衙村", "金珠社区", "翠英社区", "金涛社区" },
            name => Assert.Contains(plan.Communities, c => c.Site.Name == name));
        Assert.InRange(plan.Expected.Activities, 286, 299);
        Assert.InRange(plan.Expected.Participations, 1301, 1349);
        Assert.Equal(plan.Expected.Participations, plan.Communities.Sum(c => c.Activities.Sum(a => a.Participants.Count)));
        Assert.Equal(["enterprise", "partner-unit", "social-organization"],
            plan.Communities.SelectMany(c => c.Activities).Select(a => a.OrganizerKind).Distinct().Order());
        Assert.All(plan.Communities.SelectMany(c => c.Activities), a => Assert.Equal(2024, a.Date.Year));
    }

    [Fact]
    public void Every_household_takes_part_and_nobody_is_counted_twice_in_one_activity()
    {
        var plan = PlanBuilder.Build(2024, PilotScale.Full);

        foreach (var community in plan.Communities)
        {
            var taking = community.Activities.SelectMany(a => a.Participants).Select(p => p.Passbook).ToHashSet();
            Assert.All(community.Households, h => Assert.Contains(h.Passbook, taking));
            Assert.All(community.Activities, a => Assert.Equal(a.Participants.Count, a.Participants.Distinct().Count()));
            Assert.All(community.Activities, a => Assert.True(a.Date >= community.Site.Opened, $"{a.Id} is before the batch opened"));
        }
    }

    [Fact]
    public void The_catalogue_holds_grain_and_oil_tea_sets_and_cultural_goods_and_car_wash_and_housekeeping_services()
    {
        var catalog = PlanBuilder.Build(2024, PilotScale.Small).Communities[0].Catalog;

        Assert.Contains(catalog, c => c.Name.Contains("油") && c.Kind == "goods" && c.Stock > 0);
        Assert.Contains(catalog, c => c.Name.Contains("茶具") && c.Kind == "goods");
        Assert.Contains(catalog, c => c.Name.Contains("文创") && c.Kind == "goods");
        Assert.Contains(catalog, c => c.Name.Contains("洗车") && c.Kind == "service" && c.Capacity > 0);
        Assert.Contains(catalog, c => c.Name.Contains("家政") && c.Kind == "service");
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan_and_another_seed_another()
    {
        static string Text(int seed) => JsonSerializer.Serialize(PlanBuilder.Build(seed, PilotScale.Full), LedgerClient.Json);

        Assert.Equal(Text(2024), Text(2024));
        Assert.NotEqual(Text(2024), Text(2025));
    }

    [Fact]
    public void The_plan_spends_only_what_was_earned_cancels_and_corrects_in_every_community_and_fulfils_vouchers()
    {
        var plan = PlanBuilder.Build(2024, PilotScale.Small);

        Assert.All(plan.Communities, c =>
        {
            Assert.InRange(c.Expected.PointsOutstanding, 0, c.Expected.PointsIssued);
            Assert.True(c.Expected.Cancelled > 0, $"{c.Site.Name} cancels nothing");
            Assert.NotEmpty(c.Corrections);
        });
        // The small run is the test's: it must reach the voucher code too, if not in every community.
        Assert.Contains(plan.Communities.SelectMany(c => c.Shop.OfType<RedemptionPlan>()), r => r.FulfilVouchers > 0);
    }
}
