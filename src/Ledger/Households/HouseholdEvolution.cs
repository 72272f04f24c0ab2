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
        PointsAwarded a => Earn(state, e, new LedgerEntry(e.EventId, EntryKind.Award, a.RuleId, null, a.Member, a.Points, e.RecordedAt, a.OccurredOn), a),
        ActivityPointsAwarded a => Earn(state, e, new LedgerEntry(e.EventId, EntryKind.ActivityAward, null, a.ActivityId, a.Member, a.Points, e.RecordedAt, a.OccurredOn), a) with
        {
            ActivityAwards = state.ActivityAwards.Add(new ActivityMember(a.ActivityId, a.Member)),
        },
        PointsDeducted d => state with
        {
            Balance = state.Balance - d.Applied,
            Deducted = state.Deducted + d.Applied,
            Lots = state.Lots.Take(PointsLots.DeductionKey(e.EventId), d.Applied),
            Entries = state.Entries.SetItem(
                e.EventId, new LedgerEntry(e.EventId, EntryKind.Deduction, d.RuleId, null, d.Member, -d.Applied, e.RecordedAt)),
        },
        EntryCorrected c => state with
        {
            Balance = state.Balance + c.Points,
            Corrected = state.Corrected - c.Points,
            Lots = c.Points < 0
                ? state.Lots.Reverse(c.CorrectedEventId, -c.Points)
                : state.Lots.Return(PointsLots.DeductionKey(c.CorrectedEventId), c.Points, e.EventId, OrderOn(e, null)),
            Corrections = state.Corrections.SetItem(c.CorrectedEventId, e.EventId),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        StarLevelReached r => state with
        {
            StarLevel = Math.Max(state.StarLevel, r.Stars),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        PointsExpired x => state with
        {
            Balance = state.Balance - x.Points,
            Expired = state.Expired + x.Points,
            Lots = state.Lots.Expire(x.Lots),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        IHouseholdPointsMovement { Kind: PointsMovementKind.Redeemed } m => state with
        {
            Balance = state.Balance - m.Points,
            Redeemed = state.Redeemed + m.Points,
            Lots = state.Lots.Take(MovementKey(m, e), m.Points),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        IHouseholdPointsMovement { Kind: PointsMovementKind.Refunded } m => state with
        {
            Balance = state.Balance + m.Points,
            Refunded = state.Refunded + m.Points,
            Lots = state.Lots.Return(MovementKey(m, e), m.Points, e.EventId, OrderOn(e, null)),
            OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type),
        },
        _ => state with { OtherEvents = state.OtherEvents.SetItem(e.EventId, e.Type) },
    }) with { Version = e.Version };

    private static HouseholdState Earn(HouseholdState state, EventEnvelope e, LedgerEntry entry, IPinnedEarning pinned) => state with
    {
        Balance = state.Balance + entry.Points,
        Earned = state.Earned + entry.Points,
        Entries = state.Entries.SetItem(e.EventId, entry),
        Lots = state.Lots.Earn(e.EventId, OrderOn(e, entry.OccurredOn), pinned.ExpiresOn, entry.Points),
    };

    // First in, first out by the day earned; the fold has no zone, so an undated (.v1) event orders by its UTC day.
    private static DateOnly OrderOn(EventEnvelope e, DateOnly? occurredOn) => occurredOn ?? DateOnly.FromDateTime(e.RecordedAt.UtcDateTime);

    // A redemption's refund names its receipt, so it finds the lots the payment took; another module's movement has
    // only its own event, and its refund comes back as a lot of its own.
    private static string MovementKey(IHouseholdPointsMovement m, EventEnvelope e) =>
        m is PointsRedeemed r ? PointsLots.RedemptionKey(r.RedemptionId)
        : m is PointsRefunded f ? PointsLots.RedemptionKey(f.RedemptionId)
        : e.EventId.ToString("N");
}
