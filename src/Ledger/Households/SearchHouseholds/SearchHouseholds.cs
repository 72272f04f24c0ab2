using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Projections;
using MediatR;

namespace Ledger.Households.SearchHouseholds;

/// <summary>
/// <c>GET /api/communities/{cid}/households?q=&amp;limit=</c>: the community's households whose passbook, head's name or
/// a member's name contains <paramref name="Query"/> (every household when it is empty).
/// </summary>
public sealed record SearchHouseholdsQuery(string CommunityId, string? Query, int Limit) : IRequest<Result<HouseholdSearchResponse>>;

/// <summary>The answer of <see cref="SearchHouseholdsQuery"/>.</summary>
/// <param name="CommunityId">The community searched.</param>
/// <param name="Query">What was searched for ("" for every household).</param>
/// <param name="Households">The households found: a passbook equal to the query first, then by passbook.</param>
/// <param name="Truncated">True when more households matched than <c>limit</c>: the list is cut, narrow the search.</param>
public sealed record HouseholdSearchResponse(string CommunityId, string Query, IReadOnlyList<HouseholdFound> Households, bool Truncated);

/// <summary>Input rules of <see cref="SearchHouseholdsQuery"/>.</summary>
public sealed class SearchHouseholdsValidator : AbstractValidator<SearchHouseholdsQuery>
{
    public SearchHouseholdsValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Query).MaximumLength(100).OverridePropertyName("q");
        RuleFor(q => q.Limit).InclusiveBetween(1, HouseholdSearch.MaxLimit).OverridePropertyName("limit");
    }
}

/// <summary>Answers from the <c>household_search</c> read model (inline, so never behind the ledger).</summary>
public sealed class SearchHouseholdsHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<SearchHouseholdsQuery, Result<HouseholdSearchResponse>>
{
    public async Task<Result<HouseholdSearchResponse>> Handle(SearchHouseholdsQuery query, CancellationToken cancellationToken)
    {
        var community = await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        var found = await HouseholdSearch.FindAsync(readModels, query.CommunityId, query.Query, query.Limit, cancellationToken);
        return new HouseholdSearchResponse(
            query.CommunityId, (query.Query ?? "").Trim(), [.. found.Take(query.Limit)], found.Count > query.Limit);
    }
}
