using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Redemption.ShiftClose;

/// <summary><c>GET /api/communities/{cid}/shift-close?date=&amp;clerk=</c>: one clerk's day.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Date">The day in the community's zone; today there when null.</param>
/// <param name="Clerk">The principal id whose shift to close; the caller when null.</param>
public sealed record GetShiftCloseQuery(string CommunityId, DateOnly? Date = null, string? Clerk = null) : IRequest<Result<ShiftCloseReport>>;

/// <summary>Input rules of <see cref="GetShiftCloseQuery"/>.</summary>
public sealed class GetShiftCloseValidator : AbstractValidator<GetShiftCloseQuery>
{
    public GetShiftCloseValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Clerk)
            .Must(c => c is null || (c.Length is >= 1 and <= 200 && !c.Any(char.IsControl)))
            .WithMessage("'Clerk' must be a principal id of 1 to 200 characters.");
    }
}

/// <summary>
/// Reads the shift from the redemption log and voucher read models. Any key of the community (and auditors, admins)
/// may read any of its clerks' shifts: the committee checks the clerks' closes.
/// </summary>
public sealed class GetShiftCloseHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<GetShiftCloseQuery, Result<ShiftCloseReport>>
{
    public async Task<Result<ShiftCloseReport>> Handle(GetShiftCloseQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var community = (await StreamLoader.LoadAsync(store, registry, StreamIds.Community(query.CommunityId), null, cancellationToken))
            .Fold(CommunityState.Initial, CommunityDecider.Evolve);
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(query.CommunityId);
        }

        var date = query.Date ?? CommunityCalendar.DateOf(clock.GetUtcNow(), community.TimeZone);
        var clerk = query.Clerk ?? context.Principal.Id;
        var callerName = clerk == context.Principal.Id ? context.Principal.Label : null;
        return await ShiftCloseReader.ReadAsync(
            readModels, query.CommunityId, community.Name, community.TimeZone, date, clerk, callerName, cancellationToken);
    }
}
