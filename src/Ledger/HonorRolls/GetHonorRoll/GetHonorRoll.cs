using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;
using MediatR;

namespace Ledger.HonorRolls.GetHonorRoll;

/// <summary><c>GET /api/communities/{cid}/honor-rolls/{period}</c> as JSON or CSV (any key of the community, auditor).</summary>
public sealed record GetHonorRollQuery(string CommunityId, string Period) : IRequest<Result<HonorRollResponse>>;

/// <summary>Input rules of <see cref="GetHonorRollQuery"/>.</summary>
public sealed class GetHonorRollValidator : AbstractValidator<GetHonorRollQuery>
{
    public GetHonorRollValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.Period).Must(LeaderboardPeriod.IsValid).WithMessage("'Period' is not a period.");
    }
}

/// <summary>Loads the roll's one event.</summary>
public sealed class GetHonorRollHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetHonorRollQuery, Result<HonorRollResponse>>
{
    public async Task<Result<HonorRollResponse>> Handle(GetHonorRollQuery query, CancellationToken cancellationToken)
    {
        if (Access.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var period = LeaderboardPeriod.Parse(query.Period)!.Text;
        return await HonorRollComputation.LoadAsync(store, registry, query.CommunityId, period, cancellationToken) is { } roll
            ? roll
            : HonorRollErrors.NotFound(query.CommunityId, period);
    }
}
