using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Leaderboards;
using MediatR;

namespace Ledger.HonorRolls.PublishHonorRoll;

/// <summary><c>POST /api/communities/{cid}/honor-rolls {period, top}</c> (committee): publishes the period's roll once.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Period"><c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c> or <c>all</c>.</param>
/// <param name="Top">Ranks to print, 1 to 100.</param>
public sealed record PublishHonorRollCommand(string CommunityId, string Period, int Top) : IRequest<Result<HonorRollResponse>>;

/// <summary>Input rules of <see cref="PublishHonorRollCommand"/>.</summary>
public sealed class PublishHonorRollValidator : AbstractValidator<PublishHonorRollCommand>
{
    /// <summary>The most ranks a poster prints.</summary>
    public const int MaxTop = 100;

    public PublishHonorRollValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Period).Must(LeaderboardPeriod.IsValid)
            .WithMessage("'Period' must be a month (2025-03), a quarter (2025-Q1), a year (2025) or 'all'.");
        RuleFor(c => c.Top).InclusiveBetween(1, MaxTop);
    }
}

/// <summary>
/// Reads the ledger's head, ranks the community's households from the events at or below it, and appends one
/// <c>HonorRollPublished.v1</c> to a stream that must not exist yet: the store referees two committees racing.
/// </summary>
public sealed class PublishHonorRollHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<PublishHonorRollCommand, Result<HonorRollResponse>>
{
    public Task<Result<HonorRollResponse>> Handle(PublishHonorRollCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<HonorRollResponse>(denied));
        }

        var period = LeaderboardPeriod.Parse(command.Period)!;
        return new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<HonorRollResponse>(async (session, ct) =>
        {
            var community = await session.LoadAsync(
                StreamIds.Community(command.CommunityId), CommunityState.Initial, CommunityDecider.Evolve, ct);
            if (!community.State.Exists)
            {
                return LedgerErrors.CommunityNotFound(command.CommunityId);
            }

            var roll = await session.LoadAsync(HonorRollStreams.Of(command.CommunityId, period.Text), ct);
            if (roll.Version > 0)
            {
                return HonorRollErrors.AlreadyPublished(command.CommunityId, period.Text);
            }

            var head = await store.ReadHeadAsync(ct);
            var entries = await HonorRollComputation.RankAtAsync(
                store, readModels, registry, new LeaderboardCommunity(command.CommunityId, community.State.District, community.State.TimeZone),
                period, command.Top, head.Position, ct);
            var published = new HonorRollPublished(
                command.CommunityId, community.State.Name, period.Text, command.Top, entries, head.Position, head.Hash);
            session.Append(roll, [published]);
            return new HonorRollResponse(published.CommunityId, published.CommunityName, published.Period, published.Top,
                published.Entries, published.LedgerPosition, published.HeadHash, session.Now, session.Principal);
        }), cancellationToken);
    }
}
