using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Sponsorships;
using MediatR;

namespace Ledger.Activities.AddParticipants;

/// <summary>
/// <c>POST /api/communities/{cid}/activities/{aid}/participants</c> (committee): awards every participant once.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="ActivityId">The activity (from the route).</param>
/// <param name="Participants">1 to 500 households, each with a member (the head when null).</param>
public sealed record AddParticipantsCommand(string CommunityId, string ActivityId, IReadOnlyList<ParticipantInput> Participants)
    : IRequest<Result<ParticipantsResponse>>;

/// <summary>A participant as requested.</summary>
/// <param name="Passbook">The household.</param>
/// <param name="Member">The member who took part; the head of household when null.</param>
public sealed record ParticipantInput(string Passbook, string? Member = null);

/// <summary>Input rules of <see cref="AddParticipantsCommand"/>.</summary>
public sealed class AddParticipantsValidator : AbstractValidator<AddParticipantsCommand>
{
    public AddParticipantsValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.ActivityId).MustBeId();
        RuleFor(c => c.Participants)
            .NotEmpty()
            .Must(p => p is null || p.Count <= LedgerRules.MaxParticipantsPerRequest)
            .WithMessage($"At most {LedgerRules.MaxParticipantsPerRequest} participants per request.");
        RuleForEach(c => c.Participants).ChildRules(p =>
        {
            p.RuleFor(x => x).NotNull();
            p.RuleFor(x => x.Passbook).MustBeId().When(x => x is not null);
            p.RuleFor(x => x.Member).MustBeOptionalName().When(x => x is not null);
        });
    }
}

/// <summary>
/// Loads the activity and every named household, decides, and appends <c>ParticipantsAdded.v1</c> and each
/// <c>ActivityPointsAwarded.v3</c> (dated the activity's date) in ONE transaction across all those streams, each at its loaded version: either
/// every award lands with the activity's record of it, or none does and the whole request is retried on fresh state.
/// Each household whose points earned reach a star level gets its <c>StarLevelReached.v1</c> in that same transaction.
/// An activity funded by a sponsor's budget draws its participants' points from <c>sponsorship-{cid}/{id}</c> in that
/// same transaction too, at the budget's loaded version: a request that would overdraw it awards nobody
/// (<c>budget-exhausted</c>), and two requests racing for the last of a budget cannot both land.
/// </summary>
public sealed class AddParticipantsHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<AddParticipantsCommand, Result<ParticipantsResponse>>
{
    public Task<Result<ParticipantsResponse>> Handle(AddParticipantsCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<ParticipantsResponse>(denied));
        }

        // A lost race queues on the process's turns, with the households' awards and redemptions: without them, a
        // participation racing a household's awards lost round after round to those holding the turn.
        return new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<ParticipantsResponse>(async (session, ct) =>
        {
            var activity = await session.LoadAsync(
                StreamIds.Activity(command.CommunityId, command.ActivityId), ActivityState.Initial, ActivityDecider.Evolve, ct);
            var households = new Dictionary<string, Folded<HouseholdState>>(StringComparer.Ordinal);
            var community = CommunityState.Initial;
            if (activity.State.Exists)
            {
                // Read, not appended to: the star levels in force decide which households this activity lifts a level,
                // and the closed months whether its date may still take awards.
                community = (await session.LoadAsync(
                    StreamIds.Community(command.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct)).State;
                foreach (var passbook in command.Participants.Select(p => p.Passbook).Distinct(StringComparer.Ordinal))
                {
                    households[passbook] = await session.LoadAsync(
                        StreamIds.Household(passbook), HouseholdState.Initial, HouseholdDecider.Evolve, ct);
                }
            }

            var decided = ParticipantsDecider.Decide(command, activity.State, households.ToDictionary(h => h.Key, h => h.Value.State), community, session.Now);
            if (!decided.IsSuccess)
            {
                return decided.Error;
            }

            var decision = decided.Value;
            if (activity.State.SponsorshipId is { } sponsorshipId)
            {
                var budget = await session.LoadAsync(
                    StreamIds.Sponsorship(command.CommunityId, sponsorshipId), SponsorshipState.Initial, SponsorshipDecider.Evolve, ct);
                var drawn = SponsorshipDecider.Draw(budget.State, command.CommunityId, command.ActivityId, activity.State.Points, decision.Awarded);
                if (!drawn.IsSuccess)
                {
                    return drawn.Error;
                }

                session.Append(budget, drawn.Value);
            }

            session.Append(activity, decision.ActivityEvents);
            var eventIds = new Dictionary<Participant, Guid>();
            foreach (var (passbook, events) in decision.HouseholdEvents)
            {
                foreach (var appended in HouseholdStream.AppendWithStarLevel(session, households[passbook], community.StarLevels, events).Appended)
                {
                    if (appended.Data is ActivityPointsAwarded award)
                    {
                        eventIds[new Participant(passbook, award.Member)] = appended.EventId;
                    }
                }
            }

            return new ParticipantsResponse(
                command.CommunityId, command.ActivityId, activity.State.Points,
                decision.Awarded.Select(p => new AwardedParticipant(p.Passbook, p.Member, eventIds[p])).ToList(),
                decision.AlreadyAwarded, decision.Rejected);
        }) { TurnAfterLostRace = true }, cancellationToken);
    }
}
