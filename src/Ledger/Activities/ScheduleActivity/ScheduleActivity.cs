using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Sponsorships;
using MediatR;

namespace Ledger.Activities.ScheduleActivity;

/// <summary><c>POST /api/communities/{cid}/activities</c> (committee): schedules a volunteer activity.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Id">The activity's id, unique within the community.</param>
/// <param name="Title">Its title.</param>
/// <param name="Organizer">Its organiser (<c>{kind: enterprise|social-organization|partner-unit, name}</c>).</param>
/// <param name="Date">The day it takes place.</param>
/// <param name="Points">Points each participating member earns (1 to 1,000,000).</param>
/// <param name="SponsorshipId">Optional: a points budget of the organiser that funds the participants' points.</param>
public sealed record ScheduleActivityCommand(
    string CommunityId, string Id, string Title, Organizer Organizer, DateOnly Date, long Points, string? SponsorshipId = null)
    : IRequest<Result<ActivityResponse>>;

/// <summary>Input rules of <see cref="ScheduleActivityCommand"/>.</summary>
public sealed class ScheduleActivityValidator : AbstractValidator<ScheduleActivityCommand>
{
    public ScheduleActivityValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Id).MustBeId();
        RuleFor(c => c.Title).MustBeName();
        RuleFor(c => c.Organizer).NotNull();
        RuleFor(c => c.Organizer.Kind).IsInEnum().When(c => c.Organizer is not null);
        RuleFor(c => c.Organizer.Name).MustBeName().When(c => c.Organizer is not null);
        RuleFor(c => c.Date).NotEqual(default(DateOnly));
        RuleFor(c => c.Points).InclusiveBetween(1, LedgerRules.MaxPointsPerEntry);
        RuleFor(c => c.SponsorshipId!).MustBeId().When(c => c.SponsorshipId is not null);
    }
}

/// <summary>
/// Appends <c>ActivityScheduled.v2</c> at "no stream": a racing duplicate reloads and answers <c>activity-exists</c>. A
/// named budget is read, not appended to: its draws are guarded when participants are added.
/// </summary>
public sealed class ScheduleActivityHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<ScheduleActivityCommand, Result<ActivityResponse>>
{
    public Task<Result<ActivityResponse>> Handle(ScheduleActivityCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<ActivityResponse>(denied));
        }

        return new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<ActivityResponse>(async (session, ct) =>
        {
            var community = await session.LoadAsync(
                StreamIds.Community(command.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct);
            var activity = await session.LoadAsync(
                StreamIds.Activity(command.CommunityId, command.Id), ActivityState.Initial, ActivityDecider.Evolve, ct);
            var sponsorship = command.SponsorshipId is { } sponsorshipId
                ? (await session.LoadAsync(StreamIds.Sponsorship(command.CommunityId, sponsorshipId), SponsorshipState.Initial, SponsorshipDecider.Evolve, ct)).State
                : SponsorshipState.Initial;
            var decided = ActivityDecider.Decide(command, activity.State, community.State, sponsorship);
            return decided.IsSuccess
                ? ActivityResponse.From(session.Append(activity, decided.Value).State)
                : decided.Error;
        }), cancellationToken);
    }
}
