using Ledger.Activities;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Sponsorships.RecordSponsorship;

namespace Ledger.Sponsorships;

/// <summary>
/// The pure rules of <c>sponsorship-{cid}/{id}</c>, the budget rule among them: a points budget is drawn on only by an
/// activity of its own sponsor, and never beyond what it has left (a draw that would overdraw it is refused whole).
/// </summary>
public static class SponsorshipDecider
{
    /// <summary>Records a sponsorship once per id, given by <paramref name="sponsorName"/> (the partner's name).</summary>
    public static Result<IReadOnlyList<ISponsorshipEvent>> Decide(RecordSponsorshipCommand command, SponsorshipState sponsorship, string sponsorName)
    {
        if (sponsorship.Exists)
        {
            return SponsorshipErrors.Exists(command.CommunityId, command.Id);
        }

        var goods = command.Kind == SponsorshipKind.Goods;
        return Result.Ok<IReadOnlyList<ISponsorshipEvent>>([
            new SponsorshipRecorded(
                command.CommunityId, command.Id, command.PartnerId, sponsorName, command.Kind ?? SponsorshipKind.Points,
                goods ? command.Sku : null, goods ? command.Quantity : null, goods ? null : command.Points, command.Note),
        ]);
    }

    /// <summary>
    /// Whether an activity organised by <paramref name="organizer"/> may name this budget: it must exist in the
    /// activity's community, be points, and be its organiser's. Null when it may.
    /// </summary>
    public static LedgerError? MayFund(SponsorshipState sponsorship, string communityId, string sponsorshipId, Organizer organizer) =>
        !sponsorship.Exists || sponsorship.CommunityId != communityId ? SponsorshipErrors.NotFound(communityId, sponsorshipId)
        : sponsorship.Kind != SponsorshipKind.Points ? SponsorshipErrors.NotPointsBudget(sponsorshipId)
        : sponsorship.SponsorName != organizer.Name ? SponsorshipErrors.NotOrganizers(sponsorshipId, sponsorship.SponsorName, organizer.Name)
        : null;

    /// <summary>
    /// Draws <paramref name="pointsEach"/> for each of <paramref name="awarded"/> from the budget, all or nothing:
    /// <c>budget-exhausted</c> when it has less left than they need. Nobody awarded draws nothing.
    /// </summary>
    public static Result<IReadOnlyList<ISponsorshipEvent>> Draw(
        SponsorshipState budget, string communityId, string activityId, long pointsEach, IReadOnlyList<Participant> awarded)
    {
        if (!budget.Exists || budget.Kind != SponsorshipKind.Points)
        {
            return SponsorshipErrors.NotFound(communityId, budget.SponsorshipId);
        }

        if (awarded.Count == 0)
        {
            return Result.Ok<IReadOnlyList<ISponsorshipEvent>>([]);
        }

        var needed = pointsEach * awarded.Count;
        return needed > budget.Remaining
            ? SponsorshipErrors.BudgetExhausted(budget.SponsorshipId, budget.Remaining, needed)
            : Result.Ok<IReadOnlyList<ISponsorshipEvent>>([new SponsorshipPointsDrawn(communityId, budget.SponsorshipId, activityId, needed, awarded)]);
    }

    /// <summary>Folds one event; other types are ignored.</summary>
    public static SponsorshipState Evolve(SponsorshipState state, EventEnvelope e) => (e.Data switch
    {
        SponsorshipRecorded r => state with
        {
            Exists = true, CommunityId = r.CommunityId, SponsorshipId = r.SponsorshipId, PartnerId = r.PartnerId,
            SponsorName = r.SponsorName, Kind = r.Kind, Sku = r.Sku, Quantity = r.Quantity, Note = r.Note,
            Given = r.Points ?? 0, RecordedAt = e.RecordedAt,
        },
        SponsorshipPointsDrawn d => state with { Used = state.Used + d.Points, Draws = state.Draws.Add(d) },
        _ => state,
    }) with { Version = e.Version };
}
