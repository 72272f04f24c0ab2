using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.SetDeductionPolicy;

/// <summary>
/// Committee: sets what a deduction larger than the balance does (<c>refuse</c>, the default, or <c>stop-at-zero</c>).
/// Not in the v1 HTTP table; suggested route <c>PUT /api/communities/{cid}/deduction-policy</c> <c>{policy}</c>.
/// </summary>
public sealed record SetDeductionPolicyCommand(string CommunityId, DeductionPolicy Policy) : IRequest<Result<DeductionPolicyResponse>>;

/// <summary>Input rules of <see cref="SetDeductionPolicyCommand"/>.</summary>
public sealed class SetDeductionPolicyValidator : AbstractValidator<SetDeductionPolicyCommand>
{
    public SetDeductionPolicyValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Policy).IsInEnum();
    }
}

/// <summary>Appends <c>DeductionPolicySet.v1</c> unless the policy is already in force.</summary>
public sealed class SetDeductionPolicyHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<SetDeductionPolicyCommand, Result<DeductionPolicyResponse>>
{
    public Task<Result<DeductionPolicyResponse>> Handle(SetDeductionPolicyCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(context.Principal, command.CommunityId, community => CommunityDecider.Decide(command, community)),
            (after, _) => new DeductionPolicyResponse(command.CommunityId, after.State.DeductionPolicy),
            cancellationToken);
}
