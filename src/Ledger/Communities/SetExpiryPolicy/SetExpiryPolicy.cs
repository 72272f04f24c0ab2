using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.SetExpiryPolicy;

/// <summary>
/// <c>PUT /api/communities/{cid}/expiry-policy</c> (committee): <c>{rule: "none"}</c> or
/// <c>{rule: "end-of-year", afterYears: N}</c>. Applies to points earned from now on; earlier earnings keep theirs.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Rule"><c>none</c> or <c>end-of-year</c>.</param>
/// <param name="AfterYears">0 to 10, required with <c>end-of-year</c>, not sent with <c>none</c>.</param>
public sealed record SetExpiryPolicyCommand(string CommunityId, string? Rule, int? AfterYears) : IRequest<Result<ExpiryPolicyResponse>>;

/// <summary>Input rules of <see cref="SetExpiryPolicyCommand"/>.</summary>
public sealed class SetExpiryPolicyValidator : AbstractValidator<SetExpiryPolicyCommand>
{
    public SetExpiryPolicyValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Rule)
            .Must(r => r is ExpiryRules.None or ExpiryRules.EndOfYear)
            .WithMessage($"'rule' must be '{ExpiryRules.None}' or '{ExpiryRules.EndOfYear}'.");
        RuleFor(c => c.AfterYears)
            .NotNull().WithMessage("'afterYears' is required with 'end-of-year'.")
            .InclusiveBetween(0, ExpiryPolicy.MaxAfterYears).WithMessage($"'afterYears' must be 0 to {ExpiryPolicy.MaxAfterYears}.")
            .When(c => c.Rule == ExpiryRules.EndOfYear);
        RuleFor(c => c.AfterYears).Null().WithMessage("'afterYears' goes only with 'end-of-year'.").When(c => c.Rule == ExpiryRules.None);
    }
}

/// <summary>Appends <c>ExpiryPolicySet.v1</c> to <c>community-{cid}</c> unless the same policy is in force.</summary>
public sealed class SetExpiryPolicyHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<SetExpiryPolicyCommand, Result<ExpiryPolicyResponse>>
{
    public Task<Result<ExpiryPolicyResponse>> Handle(SetExpiryPolicyCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(context.Principal, command.CommunityId, community => CommunityDecider.Decide(command, community)),
            (after, decided) => ExpiryPolicyResponse.From(after.State) with { Changed = decided.Count > 0 },
            cancellationToken);
}
