using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Redemptions;
using MediatR;
using Redemption.Partners;

namespace Redemption.Vouchers.ListVouchers;

/// <summary><c>GET /api/communities/{cid}/vouchers?status=open|fulfilled|cancelled|all&amp;passbook=</c> (open when not given).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Status">The status to list; null lists all.</param>
/// <param name="Passbook">Only this household's vouchers (the counter's resident); every household's when null.</param>
public sealed record ListVouchersQuery(string CommunityId, VoucherStatus? Status, string? Passbook = null) : IRequest<Result<VoucherListResponse>>;

/// <summary>Input rules of <see cref="ListVouchersQuery"/>.</summary>
public sealed class ListVouchersValidator : AbstractValidator<ListVouchersQuery>
{
    public ListVouchersValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Passbook!).MustBeId().When(q => q.Passbook is not null);
    }
}

/// <summary>
/// Reads the voucher projection; readable by every key of the community, auditors and admins. A partner's key reads
/// only the vouchers of services its partner provides.
/// </summary>
public sealed class ListVouchersHandler(IReadModelStore store, ICommandContext context) : IRequestHandler<ListVouchersQuery, Result<VoucherListResponse>>
{
    public async Task<Result<VoucherListResponse>> Handle(ListVouchersQuery query, CancellationToken cancellationToken) =>
        Access.Read(context.Principal, query.CommunityId) is { } denied
            ? denied
            : new VoucherListResponse(query.CommunityId, query.Status, context.Principal is { Role: Role.Partner, PartnerId: { } partnerId }
                ? await PartnerVouchers.QueryAsync(store, query.CommunityId, partnerId, query.Status, query.Passbook, cancellationToken)
                : await VoucherProjection.QueryAsync(store, query.CommunityId, query.Status, query.Passbook, cancellationToken));
}
