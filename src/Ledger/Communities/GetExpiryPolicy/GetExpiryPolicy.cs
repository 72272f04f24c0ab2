using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Communities.GetExpiryPolicy;

/// <summary><c>GET /api/communities/{cid}/expiry-policy</c>: the policy in force (version 0, <c>none</c>, until one is set).</summary>
public sealed record GetExpiryPolicyQuery(string CommunityId) : IRequest<Result<ExpiryPolicyResponse>>;

/// <summary>Input rules of <see cref="GetExpiryPolicyQuery"/>.</summary>
public sealed class GetExpiryPolicyValidator : AbstractValidator<GetExpiryPolicyQuery>
{
    public GetExpiryPolicyValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Folds <c>community-{cid}</c>. Readable by admin, auditor and keys of that community.</summary>
public sealed class GetExpiryPolicyHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetExpiryPolicyQuery, Result<ExpiryPolicyResponse>>
{
    public async Task<Result<ExpiryPolicyResponse>> Handle(GetExpiryPolicyQuery query, CancellationToken cancellationToken) =>
        (await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken))
        .Map(ExpiryPolicyResponse.From);
}
