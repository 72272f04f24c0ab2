using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.RegisterCommunity;

/// <summary><c>POST /api/communities</c> (admin): registers a community once.</summary>
/// <param name="Id">The new community's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="District">Its district.</param>
/// <param name="Street">Its street.</param>
/// <param name="TimeZone">IANA zone; <c>Asia/Shanghai</c> when null.</param>
public sealed record RegisterCommunityCommand(string Id, string Name, string District, string Street, string? TimeZone = null)
    : IRequest<Result<CommunityResponse>>;

/// <summary>Input rules of <see cref="RegisterCommunityCommand"/>.</summary>
public sealed class RegisterCommunityValidator : AbstractValidator<RegisterCommunityCommand>
{
    public RegisterCommunityValidator()
    {
        RuleFor(c => c.Id).MustBeId();
        RuleFor(c => c.Name).MustBeName();
        RuleFor(c => c.District).MustBeName();
        RuleFor(c => c.Street).MustBeName();
        RuleFor(c => c.TimeZone)
            .Must(z => z is null || CommunityCalendar.IsKnownZone(z))
            .WithMessage("'Time Zone' must be an IANA time zone such as 'Asia/Shanghai'.");
    }
}

/// <summary>
/// Only an admin registers. The creating event is appended at "no stream", so two racing registrations of one id
/// cannot both land: the loser reloads, sees the community, and gets <c>community-exists</c>.
/// </summary>
public sealed class RegisterCommunityHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<RegisterCommunityCommand, Result<CommunityResponse>>
{
    public Task<Result<CommunityResponse>> Handle(RegisterCommunityCommand command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(
            CommunityStream.Command(
                command.Id,
                context.Principal.CanAct(command.Id, Role.Admin) ? null : LedgerErrors.Forbidden("Only an admin registers communities."),
                community => CommunityDecider.Decide(command, community)),
            (after, _) => CommunityResponse.From(after.State, 0, 0, 0, 0),
            cancellationToken);
}
