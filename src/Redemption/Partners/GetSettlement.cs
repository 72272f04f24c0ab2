using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Redemption.Partners;

/// <summary>
/// <c>GET /api/communities/{cid}/partners/{pid}/settlement?period=yyyy-MM</c> (committee, auditor, that partner): the
/// vouchers of the partner's services fulfilled in the month, per sku, and what the community owes it (核销结算).
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="PartnerId">The partner.</param>
/// <param name="Period">The month, <c>yyyy-MM</c> in the community's calendar.</param>
public sealed record GetSettlementQuery(string CommunityId, string PartnerId, string Period) : IRequest<Result<SettlementResponse>>;

/// <summary>Input rules of <see cref="GetSettlementQuery"/>.</summary>
public sealed class GetSettlementValidator : AbstractValidator<GetSettlementQuery>
{
    public GetSettlementValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.PartnerId).MustBeId();
        RuleFor(q => q.Period).Must(p => CommunityPeriods.ParseMonth(p) is not null).WithMessage("Must be a month, yyyy-MM.");
    }
}

/// <summary>Reads the community (its name, the partner's) and <see cref="PartnerVoucherProjection"/>.</summary>
public sealed class GetSettlementHandler(ILedgerStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetSettlementQuery, Result<SettlementResponse>>
{
    public async Task<Result<SettlementResponse>> Handle(GetSettlementQuery query, CancellationToken cancellationToken)
    {
        var principal = context.Principal;
        if (principal.Role == Role.Partner && !principal.IsPartner(query.CommunityId, query.PartnerId))
        {
            return LedgerErrors.Forbidden($"This key reads the settlement of its own partner only, not of '{query.PartnerId}'.");
        }

        var community = await CommunityStream.ReadAsync(store, registry, principal, query.CommunityId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        if (community.Value.Partner(query.PartnerId) is not { } partner)
        {
            return CommunityPartners.NotFound(query.CommunityId, query.PartnerId);
        }

        var lines = await PartnerVouchers.SettlementAsync(store, query.CommunityId, query.PartnerId, query.Period, cancellationToken);
        return new SettlementResponse(
            query.CommunityId, community.Value.Name, partner.PartnerId, partner.Name, query.Period, lines,
            lines.Sum(l => l.Count), lines.Sum(l => l.Points), lines.Sum(l => l.AmountFen));
    }
}
