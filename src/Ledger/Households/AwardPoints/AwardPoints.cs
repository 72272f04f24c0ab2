using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.AwardPoints;

/// <summary>
/// <c>POST /api/communities/{cid}/awards</c> (committee): awards, or for a negative item deducts, the points of the
/// item's current version.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Passbook">The household.</param>
/// <param name="RuleId">The points item.</param>
/// <param name="Member">Who earned or lost the points; the head of household when null.</param>
/// <param name="Note">Optional remark.</param>
/// <param name="OccurredOn">The day the work was done (community zone); today there when null. Never in the future.</param>
public sealed record AwardPointsCommand(
    string CommunityId, string Passbook, string RuleId, string? Member = null, string? Note = null, DateOnly? OccurredOn = null)
    : IRequest<Result<EntryResponse>>;

/// <summary>Input rules of <see cref="AwardPointsCommand"/>.</summary>
public sealed class AwardPointsValidator : AbstractValidator<AwardPointsCommand>
{
    public AwardPointsValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Passbook).MustBeId();
        RuleFor(c => c.RuleId).MustBeId();
        RuleFor(c => c.Member).MustBeOptionalName();
        RuleFor(c => c.Note).MustBeOptionalText();
    }
}

/// <summary>
/// Loads the community (item, policy, zone) and the household, decides, and appends to the household stream at the
/// version it loaded: simultaneous awards to one household serialise through retries, so caps and balances hold.
/// </summary>
public sealed class AwardPointsHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<AwardPointsCommand, Result<EntryResponse>>
{
    public Task<Result<EntryResponse>> Handle(AwardPointsCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            HouseholdStream.Command(
                context.Principal, command.Passbook, command.CommunityId,
                (household, community, now) => HouseholdDecider.Decide(command, household, community, now)),
            (after, _) => Respond(command.Passbook, after),
            cancellationToken);

    private static EntryResponse Respond(string passbook, Folded<HouseholdState> after)
    {
        var entry = after.Appended[0];
        return entry.Data switch
        {
            PointsAwarded a => new EntryResponse(entry.EventId, passbook, EntryKind.Award, a.RuleId, a.RuleVersion,
                a.Member, a.Points, null, after.State.Balance, after.State.Version, a.OccurredOn),
            PointsDeducted d => new EntryResponse(entry.EventId, passbook, EntryKind.Deduction, d.RuleId, d.RuleVersion,
                d.Member, -d.Applied, d.Requested, after.State.Balance, after.State.Version),
            _ => throw new InvalidOperationException($"Unexpected award event {entry.Type}."),
        };
    }
}
