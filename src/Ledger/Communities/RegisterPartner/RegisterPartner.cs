using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.RegisterPartner;

/// <summary><c>POST /api/communities/{cid}/partners</c> (committee): registers a partner (社区合伙人) of the community.</summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="PartnerId">The partner's id, unique within the community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Enterprise, social organisation, partner unit or merchant.</param>
public sealed record RegisterPartnerCommand(string CommunityId, string PartnerId, string Name, PartnerKind Kind)
    : IRequest<Result<PartnerResponse>>;

/// <summary>Input rules of <see cref="RegisterPartnerCommand"/>.</summary>
public sealed class RegisterPartnerValidator : AbstractValidator<RegisterPartnerCommand>
{
    public RegisterPartnerValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.PartnerId).MustBeId();
        RuleFor(c => c.Name).MustBeName();
        RuleFor(c => c.Kind).IsInEnum();
    }
}

/// <summary>Appends <c>PartnerRegistered.v1</c> on <c>community-{cid}</c> when <see cref="CommunityDecider"/> allows it.</summary>
public sealed class RegisterPartnerHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<RegisterPartnerCommand, Result<PartnerResponse>>
{
    public Task<Result<PartnerResponse>> Handle(RegisterPartnerCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(context.Principal, command.CommunityId, community => CommunityDecider.Decide(command, community)),
            (after, _) => PartnerResponse.From(command.CommunityId, after.State.Partners[command.PartnerId]),
            cancellationToken);
}
