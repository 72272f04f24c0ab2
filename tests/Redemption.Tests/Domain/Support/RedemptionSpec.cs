using Ledger.Households;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.Redeem;

namespace Redemption.Tests.Domain.Support;

/// <summary>
/// Given the household's and each item's events / When a basket is redeemed / Then the events of every stream, in
/// append order (receipt, household, items by sku), or the problem.
/// </summary>
public sealed class RedemptionSpec
{
    private readonly List<object> _household = [TestData.Opened()];
    private readonly Dictionary<string, List<object>> _items = new(StringComparer.Ordinal);
    private Ledger.Communities.CommunityState _community = TestData.Community();

    /// <summary>A household opened in 津海社区 with <paramref name="balance"/> points awarded.</summary>
    public static RedemptionSpec WithBalance(long balance) => new RedemptionSpec().GivenHousehold(TestData.Award(balance));

    public RedemptionSpec GivenHousehold(params object[] events)
    {
        _household.AddRange(events);
        return this;
    }

    /// <summary>Replaces the household's whole stream (none at all when empty).</summary>
    public RedemptionSpec GivenOnlyHousehold(params object[] events)
    {
        _household.Clear();
        return GivenHousehold(events);
    }

    public RedemptionSpec GivenItem(string sku, params object[] events)
    {
        if (!_items.TryGetValue(sku, out var list))
        {
            _items[sku] = list = [];
        }

        list.AddRange(events);
        return this;
    }

    public RedemptionSpec GivenCommunity(Ledger.Communities.CommunityState community)
    {
        _community = community;
        return this;
    }

    /// <summary>Decides <paramref name="command"/> as redemption <see cref="TestData.Rid"/> by the clerk at <paramref name="at"/>.</summary>
    public Outcome WhenRedeem(RedeemCommand command, DateTimeOffset? at = null)
    {
        var household = HouseholdAccountState.Of(Envelopes.Of(TestData.Now, _household));
        var items = _items.ToDictionary(
            i => i.Key, i => Envelopes.Of(TestData.Now, i.Value).Aggregate(CatalogItemState.Initial, CatalogDecider.Evolve), StringComparer.Ordinal);
        var decided = RedemptionDecider.Decide(command, TestData.Rid, TestData.ClerkContext(at), _community, household, items);
        return new Outcome(decided.IsSuccess
            ? Ledger.Common.Result.Ok<IReadOnlyList<object>>([decided.Value.Receipt, .. decided.Value.Payment, .. decided.Value.Items])
            : decided.Error);
    }
}
