using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Common;
using MediatR;

namespace Redemption.Redemptions.ListHouseholdRedemptions;

/// <summary>
/// <c>GET /api/households/{passbook}/redemptions?limit=</c>: the household's latest redemptions, newest first, so a
/// clerk can see what was just redeemed and cancel it without typing its id.
/// </summary>
/// <param name="Passbook">The household.</param>
/// <param name="Limit">How many, 1 to <see cref="MaxLimit"/>; <see cref="DefaultLimit"/> when null.</param>
public sealed record ListHouseholdRedemptionsQuery(string Passbook, int? Limit) : IRequest<Result<HouseholdRedemptionsResponse>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

/// <summary>Input rules of <see cref="ListHouseholdRedemptionsQuery"/>.</summary>
public sealed class ListHouseholdRedemptionsValidator : AbstractValidator<ListHouseholdRedemptionsQuery>
{
    public ListHouseholdRedemptionsValidator()
    {
        RuleFor(q => q.Passbook).MustBeId();
        RuleFor(q => q.Limit).InclusiveBetween(1, ListHouseholdRedemptionsQuery.MaxLimit);
    }
}

/// <summary>
/// Finds the household's community through the household cache (one short read), then answers from the redemption
/// log read model by index: never by scanning events. Readable by the household's community and auditors; any other
/// key gets <c>household-not-found</c>, as for the household itself.
/// </summary>
public sealed class ListHouseholdRedemptionsHandler(
    IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context, RedemptionStreamCaches caches)
    : IRequestHandler<ListHouseholdRedemptionsQuery, Result<HouseholdRedemptionsResponse>>
{
    public async Task<Result<HouseholdRedemptionsResponse>> Handle(ListHouseholdRedemptionsQuery query, CancellationToken cancellationToken)
    {
        var household = await HotStreams.ReadAsync(caches.Households, store, registry, StreamIds.Household(query.Passbook), cancellationToken);
        if (household.CommunityId is not { } communityId)
        {
            return LedgerErrors.HouseholdNotFound(query.Passbook);
        }

        if (Access.Household(context.Principal, query.Passbook, communityId) is { } denied)
        {
            return denied;
        }

        var limit = query.Limit ?? ListHouseholdRedemptionsQuery.DefaultLimit;
        return new HouseholdRedemptionsResponse(
            query.Passbook, communityId, limit,
            await HouseholdRedemptionsReader.ReadAsync(readModels, query.Passbook, limit, cancellationToken));
    }
}
