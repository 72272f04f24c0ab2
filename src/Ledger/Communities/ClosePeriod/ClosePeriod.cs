using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.ClosePeriod;

/// <summary>
/// <c>POST /api/communities/{cid}/periods/{yyyy-MM}/close</c> (committee): closes an ended month (月结), after which no
/// award or participation may be dated in it.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Month">The month, <c>yyyy-MM</c> (from the route).</param>
public sealed record ClosePeriodCommand(string CommunityId, string Month) : IRequest<Result<ClosedPeriodResponse>>;

/// <summary>Input rules of <see cref="ClosePeriodCommand"/>.</summary>
public sealed class ClosePeriodValidator : AbstractValidator<ClosePeriodCommand>
{
    public ClosePeriodValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Month).Must(m => CommunityPeriods.ParseMonth(m) is not null).WithMessage("Must be a month, yyyy-MM.");
    }
}

/// <summary>Appends <c>PeriodClosed.v1</c> on <c>community-{cid}</c> when <see cref="CommunityDecider"/> allows it.</summary>
public sealed class ClosePeriodHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<ClosePeriodCommand, Result<ClosedPeriodResponse>>
{
    public Task<Result<ClosedPeriodResponse>> Handle(ClosePeriodCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(
                context.Principal, command.CommunityId, (community, now) => CommunityDecider.Decide(command, community, now)),
            (after, _) => ClosedPeriodResponse.From(command.CommunityId, after.State.ClosedPeriods[command.Month]),
            cancellationToken);
}
