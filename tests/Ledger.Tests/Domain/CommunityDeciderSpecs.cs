using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.RegisterCommunity;
using Ledger.Communities.SetDeductionPolicy;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class CommunityDeciderSpecs
{
    private static DeciderSpec<CommunityState> Spec() => new(CommunityState.Initial, CommunityDecider.Evolve);

    [Fact]
    public void Registering_a_new_community_records_it_in_Shanghai_time_by_default() =>
        Spec()
            .When(s => CommunityDecider.Decide(new RegisterCommunityCommand(CommunityId, "津海社区", "龙湖区", "龙腾街道"), s))
            .Then(new CommunityRegistered(CommunityId, "津海社区", "龙湖区", "龙腾街道", "Asia/Shanghai"));

    [Fact]
    public void Registering_keeps_a_given_time_zone() =>
        Spec()
            .When(s => CommunityDecider.Decide(new RegisterCommunityCommand(CommunityId, "津海社区", "龙湖区", "龙腾街道", "Asia/Urumqi"), s))
            .Then(new CommunityRegistered(CommunityId, "津海社区", "龙湖区", "龙腾街道", "Asia/Urumqi"));

    [Fact]
    public void Given_a_registered_community_When_registered_again_Then_community_exists() =>
        Spec().Given(Registered())
            .When(s => CommunityDecider.Decide(new RegisterCommunityCommand(CommunityId, "另一个", "龙湖区", "龙腾街道"), s))
            .ThenFails("community-exists", ErrorKind.Conflict);

    [Fact]
    public void A_new_points_item_is_version_1() =>
        Spec().Given(Registered())
            .When(s => CommunityDecider.Decide(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 10, 30), s))
            .Then(CleanUpItem());

    [Fact]
    public void Revising_an_item_records_its_next_version() =>
        Spec().Given(Registered(), CleanUpItem())
            .When(s => CommunityDecider.Decide(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 15, 45), s))
            .Then(CleanUpItem(version: 2, points: 15, cap: 45));

    [Fact]
    public void Repeating_the_current_definition_changes_nothing() =>
        Spec().Given(Registered(), CleanUpItem())
            .When(s => CommunityDecider.Decide(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 10, 30), s))
            .ThenNothing();

    [Fact]
    public void Defining_an_item_in_an_unknown_community_is_refused() =>
        Spec()
            .When(s => CommunityDecider.Decide(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 10, 30), s))
            .ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void Every_version_of_an_item_stays_known_so_an_award_can_be_replayed_with_its_rule() =>
        Assert.Equal(
            [10, 15],
            Community(Registered(), CleanUpItem(), CleanUpItem(version: 2, points: 15, cap: 45))
                .Items[CleanUp].Select(i => i.Points));

    [Fact]
    public void Setting_stop_at_zero_records_the_policy() =>
        Spec().Given(Registered())
            .When(s => CommunityDecider.Decide(new SetDeductionPolicyCommand(CommunityId, DeductionPolicy.StopAtZero), s))
            .Then(new DeductionPolicySet(CommunityId, DeductionPolicy.StopAtZero));

    [Fact]
    public void Setting_the_policy_already_in_force_changes_nothing() =>
        Spec().Given(Registered())
            .When(s => CommunityDecider.Decide(new SetDeductionPolicyCommand(CommunityId, DeductionPolicy.Refuse), s))
            .ThenNothing();
}
