using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.CorrectEntry;

/// <summary><c>POST /api/households/{passbook}/corrections</c> (committee): reverses one earlier entry by its event id.</summary>
/// <param name="Passbook">The household (from the route).</param>
/// <param name="EventId">The award, deduction or activity award to reverse.</param>
/// <param name="Reason">Why (required, up to 500 characters).</param>
public sealed record CorrectEntryCommand(string Passbook, Guid EventId, string Reason) : IRequest<Result<CorrectionResponse>>;

/// <summary>Input rules of <see cref="CorrectEntryCommand"/>.</summary>
public sealed class CorrectEntryValidator : AbstractValidator<CorrectEntryCommand>
{
    public CorrectEntryValidator()
    {
        RuleFor(c => c.Passbook).MustBeId();
        RuleFor(c => c.EventId).NotEmpty();
        RuleFor(c => c.Reason).MustBeText();
    }
}

/// <summary>
/// Passbook-addressed: a household the caller cannot see is <c>household-not-found</c>; one it can see but not
/// change is <c>forbidden</c>. Appends <c>EntryCorrected.v1</c> at the loaded version, so two racing corrections
/// of one entry cannot both land: the loser reloads and answers <c>already-corrected</c>.
/// </summary>
public sealed class CorrectEntryHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<CorrectEntryCommand, Result<CorrectionResponse>>
{
    public Task<Result<CorrectionResponse>> Handle(CorrectEntryCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            HouseholdStream.Command(
                context.Principal, command.Passbook, communityId: null, (household, _, _) => HouseholdDecider.Decide(command, household)),
            (after, _) =>
            {
                var correction = after.Appended[0];
                var corrected = (EntryCorrected)correction.Data!;
                return new CorrectionResponse(correction.EventId, command.Passbook, corrected.CorrectedEventId,
                    corrected.CorrectedKind, corrected.Member, corrected.Points, after.State.Balance, after.State.Version);
            },
            cancellationToken);
}
