using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Projections;
using MediatR;

namespace Ledger.Households.ExpirePoints;

/// <summary>
/// <c>GET /api/communities/{cid}/expiring?withinDays=30</c> (committee): the households whose points expire within the
/// next <paramref name="WithinDays"/> days, soonest first, so the committee can tell them in time.
/// </summary>
public sealed record ListExpiringQuery(string CommunityId, int? WithinDays) : IRequest<Result<ExpiringHouseholdsResponse>>;

/// <summary>Input rules of <see cref="ListExpiringQuery"/>.</summary>
public sealed class ListExpiringValidator : AbstractValidator<ListExpiringQuery>
{
    /// <summary>A year and a day: the furthest a committee plans a reminder.</summary>
    public const int MaxDays = 366;

    public ListExpiringValidator()
    {
        RuleFor(q => q.CommunityId).MustBeId();
        RuleFor(q => q.WithinDays).InclusiveBetween(1, MaxDays).WithMessage($"'withinDays' must be 1 to {MaxDays}.");
    }
}

/// <summary>The households with points expiring soon.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Today">Today in the community's zone.</param>
/// <param name="Until">The last day looked at (today + withinDays).</param>
/// <param name="Households">Soonest first, then by passbook.</param>
public sealed record ExpiringHouseholdsResponse(string CommunityId, DateOnly Today, DateOnly Until, IReadOnlyList<ExpiringHousehold> Households);

/// <summary>A household whose points expire soon.</summary>
/// <param name="Passbook">Its passbook.</param>
/// <param name="HeadName">Its head of household.</param>
/// <param name="Balance">Its balance now.</param>
/// <param name="On">The first day within the window on which points expire (they are gone the day after).</param>
/// <param name="Points">Points that expire within the window.</param>
public sealed record ExpiringHousehold(string Passbook, string HeadName, long Balance, DateOnly On, long Points);

/// <summary>Folds each household of the community; only a community that set an expiry policy can have any.</summary>
public sealed class ListExpiringHandler(ILedgerStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<ListExpiringQuery, Result<ExpiringHouseholdsResponse>>
{
    /// <summary>The window when none is asked for.</summary>
    public const int DefaultDays = 30;

    public async Task<Result<ExpiringHouseholdsResponse>> Handle(ListExpiringQuery query, CancellationToken cancellationToken)
    {
        if (Access.Act(context.Principal, query.CommunityId, Role.Committee) is { } denied)
        {
            return denied;
        }

        var community = await CommunityStream.LoadAsync(store, registry, query.CommunityId, cancellationToken);
        if (!community.Exists)
        {
            return LedgerErrors.CommunityNotFound(query.CommunityId);
        }

        var today = CommunityCalendar.DateOf(clock.GetUtcNow(), community.TimeZone);
        var until = today.AddDays(query.WithinDays ?? DefaultDays);
        var found = new List<ExpiringHousehold>();
        var passbooks = community.ExpiryPolicy.Version == 0 ? [] : await HouseholdSearch.PassbooksAsync(store, query.CommunityId, cancellationToken);
        foreach (var passbook in passbooks)
        {
            var household = (await StreamLoader.LoadAsync(store, registry, StreamIds.Household(passbook), null, cancellationToken))
                .Fold(HouseholdState.Initial, HouseholdDecider.Evolve);
            var soon = HouseholdBalance.ExpiringLots(household, today).Where(x => x.On <= until).ToList();
            if (soon.Count > 0)
            {
                found.Add(new ExpiringHousehold(passbook, household.HeadName, household.Balance, soon[0].On, soon.Sum(x => x.Points)));
            }
        }

        return new ExpiringHouseholdsResponse(
            query.CommunityId, today, until, [.. found.OrderBy(h => h.On).ThenBy(h => h.Passbook, StringComparer.Ordinal)]);
    }
}
