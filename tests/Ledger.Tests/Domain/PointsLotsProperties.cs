using Ledger.Households;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>
/// A property of the lots (seeded random sequences; FsCheck does not restore here): whatever order earnings, spendings,
/// refunds and expiries come in, the balance equals the points the unexpired lots hold, no lot holds less than zero or
/// more than it earned, and every decision is the household's own (<see cref="HouseholdBalance"/>).
/// </summary>
public sealed class PointsLotsProperties
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_earnings_spendings_refunds_and_expiries_keep_the_balance_equal_to_the_unexpired_lots(int seed)
    {
        var random = new Random(seed);
        var spec = Household();
        var unrefunded = new List<(string Rid, long Points)>();
        var today = new DateOnly(2024, 1, 1);
        for (var step = 0; step < 400; step++)
        {
            switch (random.Next(10))
            {
                case < 4:
                    var on = today.AddDays(-random.Next(0, 400));
                    DateOnly? last = random.Next(4) == 0 ? null : new DateOnly(on.Year + random.Next(0, 2), 12, 31);
                    spec.Given(Award(random.Next(1, 50), on: on) with { ExpiryPolicyVersion = last is null ? null : 1, ExpiresOn = last });
                    break;
                case < 7:
                    var points = random.Next(1, 80);
                    var rid = $"r{step}";
                    var spent = HouseholdBalance.Spend(AccountOf(spec), new SpendPoints(CommunityId, Passbook, null, rid, points, "x"));
                    if (spent.IsSuccess)
                    {
                        spec.Given([.. spent.Value!]);
                        unrefunded.Add((rid, points));
                    }
                    else
                    {
                        Assert.True(spec.State.Balance < points);
                    }

                    break;
                case 7 when unrefunded.Count > 0:
                    var (refundRid, refundPoints) = unrefunded[random.Next(unrefunded.Count)];
                    unrefunded.Remove((refundRid, refundPoints));
                    spec.Given([.. HouseholdBalance.Refund(
                        AccountOf(spec), new RefundPoints(CommunityId, Passbook, Head, refundRid, refundPoints, "x", "退回")).Value!]);
                    break;
                default:
                    today = today.AddDays(random.Next(1, 120));
                    var before = spec.State.Balance;
                    spec.Given([.. HouseholdBalance.Expire(AccountOf(spec), today)]);
                    Assert.InRange(spec.State.Balance, 0, before);
                    Assert.DoesNotContain(spec.State.Lots.Lots, l => l.EndedBy(today));
                    break;
            }

            var state = spec.State;
            Assert.Equal(state.Lots.Held, state.Balance);
            Assert.Equal(0, state.Lots.Shortfall);
            Assert.All(state.Lots.Lots, l => Assert.InRange(l.Remaining, 0, l.Points));
            Assert.Equal(state.Earned - state.Redeemed + state.Refunded - state.Expired, state.Balance);
        }
    }

    private static HouseholdAccountState AccountOf(DeciderSpec<HouseholdState> spec) => HouseholdAccountState.Of(spec.Envelopes);
}
