using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.ListPeriods;

/// <summary><c>GET /api/communities/{cid}/periods</c>: the closed months (月结), with who closed them and when.</summary>
public sealed record ListPeriodsQuery(string CommunityId) : IRequest<Result<ClosedPeriodsResponse>>;

/// <summary>Input rules of <see cref="ListPeriodsQuery"/>.</summary>
public sealed class ListPeriodsValidator : AbstractValidator<ListPeriodsQuery>
{
    public ListPeriodsValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Folds <c>community-{cid}</c>. Readable by admin, auditor and keys of that community.</summary>
public sealed class ListPeriodsHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListPeriodsQuery, Result<ClosedPeriodsResponse>>
{
    public async Task<Result<ClosedPeriodsResponse>> Handle(ListPeriodsQuery query, CancellationToken cancellationToken) =>
        (await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken))
        .Map(state => new ClosedPeriodsResponse(
            state.CommunityId, state.TimeZone, [.. state.ClosedPeriods.Values.Select(p => ClosedPeriodResponse.From(state.CommunityId, p))]));
}
