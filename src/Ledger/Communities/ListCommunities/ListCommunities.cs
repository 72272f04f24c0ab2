using Ledger.Common;
using Ledger.EventStore;
using Ledger.Projections;
using MediatR;

namespace Ledger.Communities.ListCommunities;

/// <summary><c>GET /api/communities</c> (admin, auditor): every community with district, street and counts.</summary>
public sealed record ListCommunitiesQuery : IRequest<Result<IReadOnlyList<CommunityResponse>>>;

/// <summary>
/// The community directory names every registered community (its registration adds a row) with its counts; each
/// community's own stream gives its name, district, street and zone. One read per community: a district has tens.
/// </summary>
public sealed class ListCommunitiesHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListCommunitiesQuery, Result<IReadOnlyList<CommunityResponse>>>
{
    public async Task<Result<IReadOnlyList<CommunityResponse>>> Handle(ListCommunitiesQuery query, CancellationToken cancellationToken)
    {
        if (context.Principal.Role is not (Role.Admin or Role.Auditor))
        {
            return LedgerErrors.Forbidden("Only admin and auditor keys list every community.");
        }

        var communities = new List<CommunityResponse>();
        foreach (var (communityId, counts) in await CommunityDirectory.ReadAllAsync(readModels, cancellationToken))
        {
            var read = await CommunityStream.ReadAsync(store, registry, context.Principal, communityId, cancellationToken);
            if (read.IsSuccess)
            {
                communities.Add(CommunityResponse.From(read.Value, counts.Households, counts.PointsItems, counts.Activities, counts.Participations));
            }
        }

        return communities.OrderBy(c => c.District, StringComparer.Ordinal).ThenBy(c => c.Street, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
