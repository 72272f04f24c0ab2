using Ledger.Common;

namespace Ledger.Households;

/// <summary>The fold of <c>household-{passbook}</c>.</summary>
public static class HouseholdEvolution
{
    /// <summary>Folds one event. Unknown types change nothing but are remembered as not correctable.</summary>
    public static HouseholdState Evolve(HouseholdState state, EventEnvelope e) => (e.Data switch
    {
        HouseholdOpened o => state with
        {
            Exists = true, Passbook = o.Passbook, CommunityId = o.CommunityId, HeadName = o.HeadName,
            Members = [.. o.Members], Address = o.Address, OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        PointsAwarded a => Earn(state, e, new LedgerEntry(e.EventId, EntryKind.Award, a.RuleId, null, a.Member, a.Points, e.RecordedAt, a.OccurredOn)),
        ActivityPointsAwarded a => Earn(state, e, new LedgerEntry(e.EventId, EntryKind.ActivityAward, null, a.ActivityId, a.Member, a.Points, e.RecordedAt, a.OccurredOn)) with
        {
            ActivityAwards = state.ActivityAwards.Add(new ActivityMember(a.ActivityId, a.Member)),
        },
        PointsDeducted d => state with
        {
            Balance = state.Balance - d.Applied,
            Deducted = state.Deducted + d.Applied,
            Entries = state.Entries.SetItem(
                e.EventId, new LedgerEntry(e.EventId, EntryKind.Deduction, d.RuleId, null, d.Member, -d.Applied, e.RecordedAt)),
        },
        EntryCorrected c => state with
        {
            Balance = state.Balance + c.Points,
            Corrected = state.Corrected - c.Points,
            Corrections = state.Corrections.SetItem(c.CorrectedEventId, e.EventId),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        StarLevelReached r => state with
        {
            StarLevel = Math.Max(state.StarLevel, r.Stars),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        IHouseholdPointsMovement { Kind: PointsMovementKind.Redeemed } m => state with
        {
            Balance = state.Balance - m.Points,
            Redeemed = state.Redeemed + m.Points,
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        IHouseholdPointsMovement { Kind: PointsMovementKind.Refunded } m => state with
        {
            Balance = state.Balance + m.Points,
            Refunded = state.Refunded + m.Points,
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        _ => state with { OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type) },
    }) with { Version = e.Version };

    private static HouseholdState Earn(HouseholdState state, EventEnvelope e, LedgerEntry entry) => state with
    {
        Balance = state.Balance + entry.Points,
        Earned = state.Earned + entry.Points,
        Entries = state.Entries.SetItem(e.EventId, entry),
    };
}
