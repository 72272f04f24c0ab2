using Ledger.Common;
using Ledger.Communities;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Households.OpenHousehold;

namespace Ledger.Households;

/// <summary>The pure rules of <c>household-{passbook}</c>. Time comes in as data; nothing here does I/O.</summary>
public static class HouseholdDecider
{
    /// <summary>Opens a household in an existing community, once per passbook in the whole ledger.</summary>
    public static Result<IReadOnlyList<IHouseholdEvent>> Decide(OpenHouseholdCommand command, HouseholdState state, CommunityState community)
    {
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        if (state.Exists)
        {
            return LedgerErrors.HouseholdExists(command.Passbook);
        }

        var members = new[] { command.HeadName }.Concat(command.Members ?? []).Distinct(StringComparer.Ordinal).ToList();
        return Events(new HouseholdOpened(command.Passbook, command.CommunityId, command.HeadName, members, command.Address));
    }

    /// <summary>
    /// Awards or deducts per the item's current version. An award is dated <c>occurredOn</c> (today in the community's
    /// zone when not given), never after today nor in a closed month (<see cref="CommunityPeriods.RefuseDate"/>), and
    /// may not pass the item's monthly cap in that date's month (net of corrections). A deduction occurs on the day it
    /// is recorded and takes what <see cref="HouseholdBalance.Deduct"/> allows, recording both amounts.
    /// </summary>
    public static Result<IReadOnlyList<IHouseholdEvent>> Decide(
        AwardPointsCommand command, HouseholdState household, CommunityState community, DateTimeOffset now)
    {
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        if (!household.Exists || household.CommunityId != command.CommunityId)
        {
            return LedgerErrors.HouseholdNotFound(command.Passbook);
        }

        if (community.CurrentItem(command.RuleId) is not { } item)
        {
            return LedgerErrors.PointsItemNotFound(command.CommunityId, command.RuleId);
        }

        var member = command.Member ?? household.HeadName;
        if (!household.HasMember(member))
        {
            return LedgerErrors.MemberNotFound(command.Passbook, member);
        }

        var today = CommunityCalendar.DateOf(now, community.TimeZone);
        var occurredOn = command.OccurredOn ?? today;
        if (CommunityPeriods.RefuseDate(occurredOn, "occurredOn", community, now) is { } refused)
        {
            return refused;
        }

        if (!item.IsDeduction)
        {
            if (item.MonthlyCap is { } cap)
            {
                var earned = household.EarnedFromItemInMonth(item.RuleId, BusinessDate.FirstOfMonth(occurredOn), community.TimeZone);
                if (earned + item.Points > cap)
                {
                    return LedgerErrors.MonthlyCapReached(item.RuleId, cap, earned, item.Points);
                }
            }

            var (policy, expiresOn) = ExpiryPin(community, occurredOn);
            return Events(new PointsAwarded(
                command.CommunityId, item.RuleId, item.Version, item.Points, member, command.Note, occurredOn, policy, expiresOn));
        }

        if (occurredOn != today)
        {
            return ValidationErrors.Failed(new Dictionary<string, string[]>
            {
                ["occurredOn"] = ["A deduction occurs on the day it is recorded; leave occurredOn out or send today."],
            });
        }

        var requested = -item.Points;
        var applied = HouseholdBalance.Deduct(household, requested, community.DeductionPolicy);
        return applied.IsSuccess
            ? Events(new PointsDeducted(command.CommunityId, item.RuleId, item.Version, requested, applied.Value, member, command.Note))
            : applied.Error!;
    }

    /// <summary>
    /// Reverses one award, deduction or activity award of this household, once. The balance moves back even when the
    /// points were already spent: it may go negative, because the ledger tells the truth.
    /// </summary>
    public static Result<IReadOnlyList<IHouseholdEvent>> Decide(CorrectEntryCommand command, HouseholdState household)
    {
        if (!household.Exists)
        {
            return LedgerErrors.HouseholdNotFound(command.Passbook);
        }

        if (household.Corrections.TryGetValue(command.EventId, out var correction))
        {
            return LedgerErrors.AlreadyCorrected(command.EventId, correction);
        }

        if (household.Entries.TryGetValue(command.EventId, out var entry))
        {
            return Events(new EntryCorrected(
                household.CommunityId, entry.EventId, entry.Kind, entry.Member, -entry.Points, command.Reason,
                entry.RuleId, entry.ActivityId));
        }

        return household.OtherEvents.TryGetValue(command.EventId, out var type)
            ? LedgerErrors.NotCorrectable(command.EventId, type)
            : LedgerErrors.EntryNotFound(command.Passbook, command.EventId);
    }

    /// <summary>
    /// The star level (星级户) the events just decided for this household reach, as one <c>StarLevelReached</c> to append
    /// with them; nothing when they reach no level above the one held. <paramref name="before"/> is the household as
    /// loaded and <paramref name="appended"/> the events queued for it, with their ids: the event after which points
    /// earned first reach the new level is recorded as its cause. A jump over several thresholds records only the highest
    /// level reached. A level is never lowered, and thresholds changed later never touch a level already reached.
    /// </summary>
    public static IReadOnlyList<IHouseholdEvent> DecideStarLevel(
        HouseholdState before, StarLevelScale levels, IReadOnlyList<EventEnvelope> appended)
    {
        StarLevelReached? reached = null;
        var state = before;
        foreach (var e in appended)
        {
            state = Evolve(state, e);
            if (levels.LevelFor(state.NetEarned) is { } level && level.Stars > Math.Max(state.StarLevel, reached?.Stars ?? 0))
            {
                reached = new StarLevelReached(state.CommunityId, level.Stars, level.Points, state.NetEarned, e.EventId, levels.Version);
            }
        }

        return reached is null ? [] : [reached];
    }

    /// <summary>
    /// The expiry policy version an earning dated <paramref name="occurredOn"/> pins now, and its last day under it;
    /// (null, null) while the community has set no policy.
    /// </summary>
    public static (int? Version, DateOnly? ExpiresOn) ExpiryPin(CommunityState community, DateOnly occurredOn) =>
        community.ExpiryPolicy.Version == 0 ? (null, null) : (community.ExpiryPolicy.Version, community.ExpiryPolicy.ExpiresOn(occurredOn));

    /// <summary>The fold (see <see cref="HouseholdEvolution"/>).</summary>
    public static HouseholdState Evolve(HouseholdState state, EventEnvelope e) => HouseholdEvolution.Evolve(state, e);

    private static Result<IReadOnlyList<IHouseholdEvent>> Events(params IHouseholdEvent[] events) => Result.Ok<IReadOnlyList<IHouseholdEvent>>(events);
}
