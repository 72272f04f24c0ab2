using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.OpenHousehold;

/// <summary><c>POST /api/communities/{cid}/households</c> (committee): opens a household's passbook account.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Passbook">The passbook number, unique in the whole ledger.</param>
/// <param name="HeadName">Head of household; always a member.</param>
/// <param name="Members">Other members (the head may be listed too; duplicates are dropped).</param>
/// <param name="Address">Optional address.</param>
public sealed record OpenHouseholdCommand(
    string CommunityId, string Passbook, string HeadName, IReadOnlyList<string>? Members = null, string? Address = null)
    : IRequest<Result<HouseholdResponse>>;

/// <summary>Input rules of <see cref="OpenHouseholdCommand"/>.</summary>
public sealed class OpenHouseholdValidator : AbstractValidator<OpenHouseholdCommand>
{
    public OpenHouseholdValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Passbook).MustBeId();
        RuleFor(c => c.HeadName).MustBeName();
        RuleFor(c => c.Members)
            .Must(m => m is null || m.Count <= LedgerRules.MaxMembers)
            .WithMessage($"A household lists at most {LedgerRules.MaxMembers} members.");
        RuleForEach(c => c.Members).MustBeName();
        RuleFor(c => c.Address).MustBeOptionalText();
    }
}

/// <summary>
/// Appends <c>HouseholdOpened.v1</c> at "no stream": the store referees passbook uniqueness, and a racing loser
/// reloads, sees the household and answers <c>household-exists</c>.
/// </summary>
public sealed class OpenHouseholdHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<OpenHouseholdCommand, Result<HouseholdResponse>>
{
    public Task<Result<HouseholdResponse>> Handle(OpenHouseholdCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            HouseholdStream.Command(
                context.Principal, command.Passbook, command.CommunityId,
                (household, community, _) => HouseholdDecider.Decide(command, household, community)),
            (after, _) => HouseholdResponse.From(after.State),
            cancellationToken);
}
