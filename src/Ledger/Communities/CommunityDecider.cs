using Ledger.Common;
using Ledger.Communities.ClosePeriod;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.RegisterCommunity;
using Ledger.Communities.RegisterPartner;
using Ledger.Communities.SetDeductionPolicy;
using Ledger.Communities.SetExpiryPolicy;
using Ledger.Communities.SetStarLevels;

namespace Ledger.Communities;

/// <summary>The pure rules of <c>community-{cid}</c>. An empty list of events means "already so: nothing to do".</summary>
public static class CommunityDecider
{
    /// <summary>Registers a community once.</summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(RegisterCommunityCommand command, CommunityState state) =>
        state.Exists
            ? LedgerErrors.CommunityExists(command.Id)
            : Events(new CommunityRegistered(
                command.Id, command.Name, command.District, command.Street, command.TimeZone ?? CommunityCalendar.DefaultTimeZone));

    /// <summary>Defines an item, or revises it as its next version; repeating the current definition changes nothing.</summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(DefinePointsItemCommand command, CommunityState state)
    {
        if (!state.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var current = state.CurrentItem(command.RuleId);
        if (current is not null && current.Name == command.Name && current.Category == command.Category &&
            current.Points == command.Points && current.MonthlyCap == command.MonthlyCap)
        {
            return Events();
        }

        return Events(new PointsItemDefined(
            command.CommunityId, command.RuleId, (current?.Version ?? 0) + 1,
            command.Name, command.Category, command.Points, command.MonthlyCap));
    }

    /// <summary>Sets the deduction policy; setting the one in force changes nothing.</summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(SetDeductionPolicyCommand command, CommunityState state) =>
        !state.Exists ? LedgerErrors.CommunityNotFound(command.CommunityId)
        : state.DeductionPolicy == command.Policy ? Events()
        : Events(new DeductionPolicySet(command.CommunityId, command.Policy));

    /// <summary>
    /// Sets the star levels as their next version; setting the levels in force changes nothing. Levels already reached
    /// stay: they live on the households' streams, and this only decides which thresholds later events are measured by.
    /// </summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(SetStarLevelsCommand command, CommunityState state)
    {
        if (!state.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var levels = command.Levels!.Select(l => new StarLevel(l!.Stars!.Value, l.Points!.Value)).ToList();
        return state.StarLevels.Levels.SequenceEqual(levels)
            ? Events()
            : Events(new StarLevelsSet(command.CommunityId, state.StarLevels.Version + 1, levels));
    }

    /// <summary>
    /// Closes a month (月结) once it has ended in the community's zone: a month not yet over is
    /// <c>period-not-ended</c>, and one closed before is <c>period-already-closed</c>.
    /// </summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(ClosePeriodCommand command, CommunityState state, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var month = CommunityPeriods.ParseMonth(command.Month)!.Value;
        if (month.AddMonths(1) > CommunityCalendar.DateOf(now, state.TimeZone))
        {
            return CommunityPeriods.NotEnded(command.Month);
        }

        return state.ClosedPeriods.TryGetValue(command.Month, out var closed)
            ? CommunityPeriods.AlreadyClosed(closed)
            : Events(new PeriodClosed(command.CommunityId, command.Month));
    }

    /// <summary>
    /// Sets the expiry policy as its next version; the policy in force sent again changes nothing. Earnings already
    /// recorded keep the version they pinned.
    /// </summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(SetExpiryPolicyCommand command, CommunityState state)
    {
        if (!state.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        var years = command.Rule == ExpiryRules.EndOfYear ? command.AfterYears : null;
        return state.ExpiryPolicy.Says(command.Rule!, years)
            ? Events()
            : Events(new ExpiryPolicySet(command.CommunityId, state.ExpiryPolicy.Version + 1, command.Rule!, years));
    }

    /// <summary>Registers a partner once: a second registration of its id is <c>partner-exists</c>, whatever its name.</summary>
    public static Result<IReadOnlyList<ICommunityEvent>> Decide(RegisterPartnerCommand command, CommunityState state) =>
        !state.Exists ? LedgerErrors.CommunityNotFound(command.CommunityId)
        : state.Partner(command.PartnerId) is not null ? CommunityPartners.Exists(command.CommunityId, command.PartnerId)
        : Events(new PartnerRegistered(command.CommunityId, command.PartnerId, command.Name, command.Kind));

    /// <summary>Folds one event; events of other types are ignored.</summary>
    public static CommunityState Evolve(CommunityState state, EventEnvelope e) => (e.Data switch
    {
        CommunityRegistered r => state with
        {
            Exists = true, CommunityId = r.CommunityId, Name = r.Name, District = r.District, Street = r.Street,
            TimeZone = r.TimeZone,
        },
        PointsItemDefined d => state with
        {
            Items = state.Items.SetItem(
                d.RuleId,
                (state.Items.GetValueOrDefault(d.RuleId) ?? []).Add(
                    new PointsItem(d.RuleId, d.Version, d.Name, d.Category, d.Points, d.MonthlyCap, e.RecordedAt))),
        },
        DeductionPolicySet p => state with { DeductionPolicy = p.Policy },
        StarLevelsSet s => state with { StarLevels = new StarLevelScale(s.Version, [.. s.Levels], e.RecordedAt) },
        ExpiryPolicySet p => state with { ExpiryPolicy = new ExpiryPolicy(p.Version, p.Rule, p.AfterYears, e.RecordedAt) },
        PartnerRegistered p => state with
        {
            Partners = state.Partners.SetItem(p.PartnerId, new Partner(p.PartnerId, p.Name, p.Kind, e.RecordedAt)),
        },
        PeriodClosed c => state with { ClosedPeriods = state.ClosedPeriods.SetItem(c.Month, new ClosedPeriod(c.Month, e.Principal, e.RecordedAt)) },
        _ => state,
    }) with { Version = e.Version };

    private static Result<IReadOnlyList<ICommunityEvent>> Events(params ICommunityEvent[] events) => Result.Ok<IReadOnlyList<ICommunityEvent>>(events);
}
