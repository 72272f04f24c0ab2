using Ledger.Common;
using Ledger.Households;
using Ledger.Households.OpenHousehold;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class HouseholdOpeningSpecs
{
    private static DeciderSpec<HouseholdState> Spec() => new(HouseholdState.Initial, HouseholdDecider.Evolve);

    [Fact]
    public void Opening_lists_the_head_first_and_every_member_once() =>
        Spec()
            .When(s => HouseholdDecider.Decide(
                new OpenHouseholdCommand(CommunityId, Passbook, Head, [Spouse, Head, Child, Spouse], "龙腾街道津海路1号"), s, Jinhai()))
            .Then(Opened());

    [Fact]
    public void A_household_without_other_members_lists_its_head() =>
        Spec()
            .When(s => HouseholdDecider.Decide(new OpenHouseholdCommand(CommunityId, Passbook, Head), s, Jinhai()))
            .Then(new HouseholdOpened(Passbook, CommunityId, Head, [Head], null));

    [Fact]
    public void Given_the_passbook_is_in_use_When_opened_again_Then_household_exists() =>
        Spec().Given(Opened(communityId: OtherCommunityId))
            .When(s => HouseholdDecider.Decide(new OpenHouseholdCommand(CommunityId, Passbook, Head), s, Jinhai()))
            .ThenFails("household-exists", ErrorKind.Conflict);

    [Fact]
    public void Opening_in_an_unknown_community_is_refused() =>
        Spec()
            .When(s => HouseholdDecider.Decide(new OpenHouseholdCommand(CommunityId, Passbook, Head), s, Community()))
            .ThenFails("community-not-found", ErrorKind.NotFound);
}
