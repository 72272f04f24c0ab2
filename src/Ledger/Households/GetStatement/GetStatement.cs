using FluentValidation;
using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Sponsorships;
using MediatR;

namespace Ledger.Households.GetStatement;

/// <summary>
/// <c>GET /api/households/{passbook}/statement?from=&amp;to=&amp;asOf=</c>: the passbook lines with a running balance.
/// </summary>
/// <param name="Passbook">The household.</param>
/// <param name="From">First calendar day (community zone) to list; null from the start.</param>
/// <param name="To">Last calendar day to list, inclusive; null to the end.</param>
/// <param name="AsOf">Only events recorded at or before this time; null for now.</param>
/// <param name="AtPosition">Only events at or below this global ledger position; null for now. Not with <paramref name="AsOf"/>.</param>
public sealed record GetStatementQuery(
    string Passbook, DateOnly? From = null, DateOnly? To = null, DateTimeOffset? AsOf = null, long? AtPosition = null)
    : IRequest<Result<StatementResponse>>;

/// <summary>Input rules of <see cref="GetStatementQuery"/>.</summary>
public sealed class GetStatementValidator : AbstractValidator<GetStatementQuery>
{
    public GetStatementValidator()
    {
        RuleFor(q => q.Passbook).MustBeId();
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || to >= q.From)
            .WithMessage("'To' must not be before 'From'.");
        RuleFor(q => q.AtPosition).MustBeLedgerCut(q => q.AsOf);
    }
}

/// <summary>
/// Loads the household (up to <c>asOf</c>), its community (item names, zone) and the activities it took part in
/// (titles), then builds the statement. Same visibility as <c>GetHousehold</c>.
/// </summary>
public sealed class GetStatementHandler(IEventStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<GetStatementQuery, Result<StatementResponse>>
{
    public async Task<Result<StatementResponse>> Handle(GetStatementQuery query, CancellationToken cancellationToken)
    {
        var stream = await StreamLoader.LoadAsync(store, registry, StreamIds.Household(query.Passbook), query.AsOf, query.AtPosition, cancellationToken);
        var household = stream.Fold(HouseholdState.Initial, HouseholdDecider.Evolve);
        if (!household.Exists)
        {
            return LedgerErrors.HouseholdNotFound(query.Passbook);
        }

        if (Access.Household(context.Principal, query.Passbook, household.CommunityId) is { } denied)
        {
            return denied;
        }

        var community = (await Load(StreamIds.Community(household.CommunityId), cancellationToken))
            .Fold(CommunityState.Initial, CommunityDecider.Evolve);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var sponsored = new Dictionary<string, ActivityFunding>(StringComparer.Ordinal);
        var sponsors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activityId in household.ActivityAwards.Select(a => a.ActivityId).Distinct())
        {
            var activity = (await Load(StreamIds.Activity(household.CommunityId, activityId), cancellationToken))
                .Fold(ActivityState.Initial, ActivityDecider.Evolve);
            titles[activityId] = activity.Title;
            if (activity.SponsorshipId is { } sponsorshipId)
            {
                if (!sponsors.TryGetValue(sponsorshipId, out var sponsor))
                {
                    sponsors[sponsorshipId] = sponsor = (await Load(StreamIds.Sponsorship(household.CommunityId, sponsorshipId), cancellationToken))
                        .Fold(SponsorshipState.Initial, SponsorshipDecider.Evolve).SponsorName;
                }

                sponsored[activityId] = new ActivityFunding(sponsorshipId, sponsor);
            }
        }

        return StatementBuilder.Build(stream.Events, community, titles, query.From, query.To, query.AsOf, sponsored)
            with { AtPosition = query.AtPosition };
    }

    private Task<LoadedStream> Load(string streamId, CancellationToken cancellationToken) =>
        StreamLoader.LoadAsync(store, registry, streamId, null, cancellationToken);
}
