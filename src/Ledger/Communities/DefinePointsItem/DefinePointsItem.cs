using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.DefinePointsItem;

/// <summary>
/// <c>POST /api/communities/{cid}/rules</c> (committee): defines a points item, or revises it (a new version of the
/// same <paramref name="RuleId"/>). Sending the current definition again changes nothing and returns it.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="RuleId">The item's id (<c>id</c> in the body).</param>
/// <param name="Name">Its name.</param>
/// <param name="Category">Its category.</param>
/// <param name="Points">Positive earns, negative deducts; non-zero, at most 1,000,000 either way.</param>
/// <param name="MonthlyCap">Optional: the most points a household may earn from it per calendar month.</param>
public sealed record DefinePointsItemCommand(
    string CommunityId, string RuleId, string Name, string Category, long Points, long? MonthlyCap = null)
    : IRequest<Result<PointsItemResponse>>;

/// <summary>Input rules of <see cref="DefinePointsItemCommand"/>.</summary>
public sealed class DefinePointsItemValidator : AbstractValidator<DefinePointsItemCommand>
{
    public DefinePointsItemValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.RuleId).MustBeId();
        RuleFor(c => c.Name).MustBeName();
        RuleFor(c => c.Category).MustBeName();
        RuleFor(c => c.Points).MustBeEntryPoints();
        // A cap limits what is earned; a cap below one award would make the item unusable.
        RuleFor(c => c.MonthlyCap)
            .Must((c, cap) => cap is null || (c.Points > 0 && cap >= c.Points && cap <= LedgerRules.MaxPointsPerEntry * 100))
            .WithMessage("'Monthly Cap' applies only to items that earn points, and must be at least the item's points.");
    }
}

/// <summary>Appends <c>PointsItemDefined.v1</c> to <c>community-{cid}</c> at the version it loaded.</summary>
public sealed class DefinePointsItemHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<DefinePointsItemCommand, Result<PointsItemResponse>>
{
    public Task<Result<PointsItemResponse>> Handle(DefinePointsItemCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(context.Principal, command.CommunityId, community => CommunityDecider.Decide(command, community)),
            (after, decided) => PointsItemResponse.From(command.CommunityId, after.State.CurrentItem(command.RuleId)!) with
            {
                Changed = decided.Count > 0,
            },
            cancellationToken);
}
