using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.GetHousehold;

/// <summary><c>GET /api/households/{passbook}?asOf=</c>: the account now, or as it stood at <paramref name="AsOf"/>.</summary>
/// <param name="Passbook">The household.</param>
/// <param name="AsOf">Only events recorded at or before this time count; null for now.</param>
/// <param name="AtPosition">Only events at or below this global ledger position count; null for now. Not with <paramref name="AsOf"/>.</param>
public sealed record GetHouseholdQuery(string Passbook, DateTimeOffset? AsOf = null, long? AtPosition = null)
    : IRequest<Result<HouseholdResponse>>;

/// <summary>Input rules of <see cref="GetHouseholdQuery"/>.</summary>
public sealed class GetHouseholdValidator : AbstractValidator<GetHouseholdQuery>
{
    public GetHouseholdValidator()
    {
        RuleFor(q => q.Passbook).MustBeId();
        RuleFor(q => q.AtPosition).MustBeLedgerCut(q => q.AsOf);
    }
}

/// <summary>
/// Folds the stream (up to <c>asOf</c>). Readable by admin, auditor and keys of the household's community; anyone
/// else gets <c>household-not-found</c>, as does a household opened after <c>asOf</c>.
/// </summary>
public sealed class GetHouseholdHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<GetHouseholdQuery, Result<HouseholdResponse>>
{
    public async Task<Result<HouseholdResponse>> Handle(GetHouseholdQuery query, CancellationToken cancellationToken)
    {
        var stream = await StreamLoader.LoadAsync(store, registry, StreamIds.Household(query.Passbook), query.AsOf, query.AtPosition, cancellationToken);
        var state = stream.Fold(HouseholdState.Initial, HouseholdDecider.Evolve);
        if (!state.Exists)
        {
            return LedgerErrors.HouseholdNotFound(query.Passbook);
        }

        if (Access.Household(context.Principal, query.Passbook, state.CommunityId) is { } denied)
        {
            return denied;
        }

        if (!state.Lots.Lots.Any(l => l.ExpiresOn is not null))
        {
            return HouseholdResponse.From(state, query.AsOf) with { AtPosition = query.AtPosition };
        }

        // What expires is counted from the day asked about (asOf), in the community's zone.
        var community = await Communities.CommunityStream.LoadAsync(store, registry, state.CommunityId, cancellationToken);
        var today = CommunityCalendar.DateOf(query.AsOf ?? clock.GetUtcNow(), community.TimeZone);
        return HouseholdResponse.From(state, today, query.AsOf) with { AtPosition = query.AtPosition };
    }
}
