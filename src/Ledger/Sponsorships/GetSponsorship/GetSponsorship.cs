using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Sponsorships.GetSponsorship;

/// <summary>
/// <c>GET /api/communities/{cid}/sponsorships/{id}</c> (committee, auditor): given, used,
/// remaining and each activity's draw, folded from the sponsorship's own stream.
/// </summary>
public sealed record GetSponsorshipQuery(string CommunityId, string Id) : IRequest<Result<SponsorshipResponse>>;

/// <summary>Input rules of <see cref="GetSponsorshipQuery"/>.</summary>
public sealed class GetSponsorshipValidator : AbstractValidator<GetSponsorshipQuery>
{
    public GetSponsorshipValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Id).MustBeId();
    }
}

/// <summary>Loads <c>sponsorship-{cid}/{id}</c> and folds it.</summary>
public sealed class GetSponsorshipHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetSponsorshipQuery, Result<SponsorshipResponse>>
{
    public async Task<Result<SponsorshipResponse>> Handle(GetSponsorshipQuery query, CancellationToken cancellationToken)
    {
        if (SponsorshipAccess.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var sponsorship = (await StreamLoader.LoadAsync(store, registry, StreamIds.Sponsorship(query.CommunityId, query.Id), null, cancellationToken))
            .Fold(SponsorshipState.Initial, SponsorshipDecider.Evolve);
        if (!sponsorship.Exists)
        {
            return SponsorshipErrors.NotFound(query.CommunityId, query.Id);
        }

        return SponsorshipAccess.Read(context.Principal, query.CommunityId, sponsorship.PartnerId) is { } notOwn
            ? notOwn
            : SponsorshipResponse.From(sponsorship);
    }
}
