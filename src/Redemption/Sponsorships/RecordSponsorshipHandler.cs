using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Sponsorships;
using Ledger.Sponsorships.RecordSponsorship;
using MediatR;
using Redemption.Catalog;
using Redemption.Common;

namespace Redemption.Sponsorships;

/// <summary>
/// Records a sponsorship of a registered partner: appends <c>SponsorshipRecorded.v1</c> at "no stream" (a racing
/// duplicate reloads and answers <c>sponsorship-exists</c>). Goods are received into the item's stock in the SAME
/// append: the item's <c>StockReceived.v2</c> names the sponsorship and its donor, at the item's loaded version, so a
/// donation is never recorded without its units on the shelf, nor units without their donor.
/// </summary>
public sealed class RecordSponsorshipHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<RecordSponsorshipCommand, Result<SponsorshipResponse>>
{
    public Task<Result<SponsorshipResponse>> Handle(RecordSponsorshipCommand command, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, command.CommunityId, Role.Committee) is { } denied)
        {
            return Task.FromResult(Result.Fail<SponsorshipResponse>(denied));
        }

        return new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<SponsorshipResponse>(async (session, ct) =>
        {
            var community = (await session.LoadAsync(StreamIds.Community(command.CommunityId), ct)).Fold(CommunityState.Initial, CommunityDecider.Evolve);
            if (!community.Exists)
            {
                return LedgerErrors.CommunityNotFound(command.CommunityId);
            }

            if (community.Partner(command.PartnerId) is not { } partner)
            {
                return CommunityPartners.NotFound(command.CommunityId, command.PartnerId);
            }

            var sponsorship = await session.LoadAsync(
                StreamIds.Sponsorship(command.CommunityId, command.Id), SponsorshipState.Initial, SponsorshipDecider.Evolve, ct);
            var decided = SponsorshipDecider.Decide(command, sponsorship.State, partner.Name);
            if (!decided.IsSuccess)
            {
                return decided.Error;
            }

            if (command.Kind == SponsorshipKind.Goods)
            {
                var item = await session.LoadAsync(
                    RedemptionStreams.CatalogItem(command.CommunityId, command.Sku!), CatalogItemState.Initial, CatalogDecider.Evolve, ct);
                var received = CatalogDecider.Donate(decided.Value.OfType<SponsorshipRecorded>().Single(), item.State);
                if (!received.IsSuccess)
                {
                    return received.Error;
                }

                session.Append(item, received.Value);
            }

            return SponsorshipResponse.From(session.Append(sponsorship, decided.Value).State);
        }) { MaxAttempts = RedemptionRules.MaxAttempts }, cancellationToken);
    }
}
