using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.RegisterPartner;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>Partners (社区合伙人) registered on <c>community-{cid}</c> by <see cref="CommunityDecider"/>.</summary>
public sealed class PartnerSpecs
{
    private static DeciderSpec<CommunityState> Spec() => new(CommunityState.Initial, CommunityDecider.Evolve);

    private static RegisterPartnerCommand Barber(string name = "长者发屋") => new(CommunityId, "barber", name, PartnerKind.Merchant);

    [Fact]
    public void Given_a_community_When_a_partner_is_registered_Then_it_is_recorded() =>
        Spec().Given(Registered())
            .When(s => CommunityDecider.Decide(Barber(), s))
            .Then(new PartnerRegistered(CommunityId, "barber", "长者发屋", PartnerKind.Merchant));

    [Fact]
    public void Given_a_registered_partner_When_its_id_is_registered_again_under_any_name_Then_partner_exists() =>
        Spec().Given(Registered(), new PartnerRegistered(CommunityId, "barber", "长者发屋", PartnerKind.Merchant))
            .When(s => CommunityDecider.Decide(Barber("另一家"), s))
            .ThenFails("partner-exists", ErrorKind.Conflict);

    [Fact]
    public void Registering_a_partner_in_an_unknown_community_is_refused() =>
        Spec()
            .When(s => CommunityDecider.Decide(Barber(), s))
            .ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void The_community_state_knows_each_registered_partner_and_no_other()
    {
        var state = Spec().Given(Registered(), new PartnerRegistered(CommunityId, "barber", "长者发屋", PartnerKind.Merchant)).State;

        Assert.Equal(new Partner("barber", "长者发屋", PartnerKind.Merchant, TestData.Now), state.Partner("barber"));
        Assert.Null(state.Partner("canteen"));
    }
}
