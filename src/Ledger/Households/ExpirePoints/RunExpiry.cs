using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.ExpirePoints;

/// <summary>
/// <c>POST /api/communities/{cid}/expiry-runs</c> (committee): expires now what has ended, as the server's own job does
/// within a minute of a lot's end, and answers <c>{households, points}</c>.
/// </summary>
public sealed record RunExpiryCommand(string CommunityId) : IRequest<Result<ExpiryRunResponse>>;

/// <summary>Input rules of <see cref="RunExpiryCommand"/>.</summary>
public sealed class RunExpiryValidator : AbstractValidator<RunExpiryCommand>
{
    public RunExpiryValidator() => RuleFor(c => c.CommunityId).MustBeId();
}

/// <summary>Runs <see cref="ExpiryRun"/> for the committee's community; its expiries record the committee's key.</summary>
public sealed class RunExpiryHandler(ILedgerStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<RunExpiryCommand, Result<ExpiryRunResponse>>
{
    public async Task<Result<ExpiryRunResponse>> Handle(RunExpiryCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return denied;
        }

        var community = await CommunityStream.LoadAsync(store, registry, command.CommunityId, cancellationToken);
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(command.CommunityId);
        }

        return await new ExpiryRun(store, registry, clock).RunAsync(context.Principal, context.CorrelationId, community, cancellationToken);
    }
}
