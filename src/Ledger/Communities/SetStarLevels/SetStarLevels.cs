using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.SetStarLevels;

/// <summary>
/// <c>PUT /api/communities/{cid}/star-levels</c> (committee): sets the thresholds of points earned at which a household
/// reaches one to five stars (星级户). Sending the levels in force again changes nothing.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Levels">1 to 5 levels, stars 1, 2, ... in order, with strictly increasing points.</param>
public sealed record SetStarLevelsCommand(string CommunityId, IReadOnlyList<StarLevelInput?>? Levels)
    : IRequest<Result<StarLevelsResponse>>;

/// <summary>One level as sent; both values are required.</summary>
/// <param name="Stars">1 to 5: the level's place in the list.</param>
/// <param name="Points">Points earned that reach it: 1 to 100,000,000, more than the level below.</param>
public sealed record StarLevelInput(int? Stars, long? Points);

/// <summary>Input rules of <see cref="SetStarLevelsCommand"/>.</summary>
public sealed class SetStarLevelsValidator : AbstractValidator<SetStarLevelsCommand>
{
    /// <summary>Five levels, like the usual 一星 to 五星 of a 星级户 scheme.</summary>
    public const int MaxLevels = 5;

    /// <summary>The highest threshold: a hundred times the largest single entry, far above any household's history.</summary>
    public const long MaxThreshold = LedgerRules.MaxPointsPerEntry * 100;

    public SetStarLevelsValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Levels)
            .NotNull().WithMessage("'Levels' is required.")
            .Must(l => l is null || l.Count is >= 1 and <= MaxLevels)
            .WithMessage($"Send 1 to {MaxLevels} levels.");
        RuleForEach(c => c.Levels).NotNull().WithMessage("A level needs 'stars' and 'points'.");
        // Child rules never see a null level (the rule above reports it), so they need no guard of their own.
        RuleForEach(c => c.Levels).ChildRules(level =>
        {
            level.RuleFor(l => l!.Stars).NotNull().WithMessage("'stars' is required.");
            level.RuleFor(l => l!.Points).NotNull().WithMessage("'points' is required.");
            level.RuleFor(l => l!.Points).InclusiveBetween(1, MaxThreshold).WithMessage($"'points' must be 1 to {MaxThreshold:N0}.");
        });
        // Stars name the place in the list, so a level cannot be skipped or listed twice; thresholds then rise with them.
        RuleFor(c => c.Levels)
            .Must(l => l!.Select((level, i) => level?.Stars is null || level.Stars == i + 1).All(inPlace => inPlace))
            .When(c => c.Levels is not null)
            .WithMessage("Levels are listed in order of stars: 1, 2, ... (the first has 1 star).");
        RuleFor(c => c.Levels)
            .Must(l => l!.Zip(l!.Skip(1)).All(pair => pair.First!.Points < pair.Second!.Points))
            .When(c => c.Levels is not null && c.Levels.All(l => l?.Points is not null))
            .WithMessage("Each level needs more points than the level below it.");
    }
}

/// <summary>Appends <c>StarLevelsSet.v1</c> to <c>community-{cid}</c> unless the same levels are in force.</summary>
public sealed class SetStarLevelsHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<SetStarLevelsCommand, Result<StarLevelsResponse>>
{
    public Task<Result<StarLevelsResponse>> Handle(SetStarLevelsCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(context.Principal, command.CommunityId, community => CommunityDecider.Decide(command, community)),
            (after, decided) => StarLevelsResponse.From(after.State) with { Changed = decided.Count > 0 },
            cancellationToken);
}
