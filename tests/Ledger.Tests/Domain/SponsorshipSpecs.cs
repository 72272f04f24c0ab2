using Ledger.Activities;
using Ledger.Activities.ScheduleActivity;
using Ledger.Common;
using Ledger.Sponsorships;
using Ledger.Sponsorships.RecordSponsorship;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>The budget rule of <see cref="SponsorshipDecider"/>: given, drawn whole or not at all, never below zero.</summary>
public sealed class SponsorshipSpecs
{
    private const string Sponsor = "爱心超市";
    private const string BudgetId = "aixin-2025";

    private static readonly RecordSponsorshipCommand Budget = new(CommunityId, BudgetId, "aixin", SponsorshipKind.Points, Points: 100);

    private static readonly SponsorshipRecorded Recorded = new(CommunityId, BudgetId, "aixin", Sponsor, SponsorshipKind.Points, null, null, 100, null);

    private static DeciderSpec<SponsorshipState> Spec() => new(SponsorshipState.Initial, SponsorshipDecider.Evolve);

    private static Participant[] People(int n) => [.. Enumerable.Range(1, n).Select(i => new Participant($"JH-{i:0000}", Head))];

    private static SponsorshipPointsDrawn Drawn(long points, int people) => new(CommunityId, BudgetId, ActivityId, points, People(people));

    private static Func<SponsorshipState, Result<IReadOnlyList<ISponsorshipEvent>>> Draw(long pointsEach, int people) =>
        s => SponsorshipDecider.Draw(s, CommunityId, ActivityId, pointsEach, People(people));

    [Fact]
    public void Recording_a_points_budget_records_the_sponsor_by_name() =>
        Spec().When(s => SponsorshipDecider.Decide(Budget, s, Sponsor)).Then(Recorded);

    [Fact]
    public void Given_a_recorded_sponsorship_When_recorded_again_Then_sponsorship_exists() =>
        Spec().Given(Recorded).When(s => SponsorshipDecider.Decide(Budget, s, Sponsor)).ThenFails("sponsorship-exists", ErrorKind.Conflict);

    [Fact]
    public void A_draw_within_the_budget_records_every_participant_and_their_points() =>
        Spec().Given(Recorded).When(Draw(30, 3)).Then(Drawn(90, 3));

    [Fact]
    public void A_draw_of_exactly_what_is_left_lands_and_leaves_nothing()
    {
        var spec = Spec().Given(Recorded, Drawn(60, 2));
        spec.When(Draw(20, 2)).Then(Drawn(40, 2));
        Assert.Equal((100L, 100L, 0L), (spec.Given(Drawn(40, 2)).State.Given, spec.State.Used, spec.State.Remaining));
    }

    [Fact]
    public void Given_too_little_left_When_drawing_for_several_Then_budget_exhausted_and_nothing_is_drawn()
    {
        var error = Spec().Given(Recorded, Drawn(90, 3)).When(Draw(10, 2)).ThenFails("budget-exhausted", ErrorKind.Conflict);
        Assert.Equal((10L, 20L), ((long)error.Extensions!["remaining"]!, (long)error.Extensions["needed"]!));
    }

    [Fact]
    public void Nobody_newly_awarded_draws_nothing() =>
        Spec().Given(Recorded, Drawn(100, 10)).When(Draw(10, 0)).ThenNothing();

    [Fact]
    public void Goods_are_no_budget_to_draw_on() =>
        Spec().Given(Recorded with { Kind = SponsorshipKind.Goods, Sku = "rice", Quantity = 5, Points = null })
            .When(Draw(1, 1)).ThenFails("sponsorship-not-found", ErrorKind.NotFound);

    [Theory]
    [InlineData("爱心超市", BudgetId, null)]
    [InlineData("别的企业", BudgetId, "sponsor-not-organizer")]
    [InlineData("爱心超市", "unknown", "sponsorship-not-found")]
    public void An_activity_may_name_only_an_existing_budget_of_its_own_organiser(string organizer, string sponsorshipId, string? refusal)
    {
        var budget = sponsorshipId == BudgetId ? Spec().Given(Recorded).State : SponsorshipState.Initial;
        var schedule = new ScheduleActivityCommand(
            CommunityId, ActivityId, "爱心义剪", new Organizer(OrganizerKind.Enterprise, organizer), new DateOnly(2025, 3, 15), 5, sponsorshipId);

        var decided = ActivityDecider.Decide(schedule, ActivityState.Initial, Jinhai(), budget);

        Assert.Equal(refusal, decided.Error?.Type);
    }
}
