using System.Globalization;
using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Households.GetMonthlyCaps;

/// <summary>
/// <c>GET /api/households/{passbook}/monthly-caps</c>: for each current points item that earns, how many points this
/// household earned from it this month (community zone) and how many its monthly cap leaves. The console shows it
/// before an award, so a committee sees a <c>monthly-cap-reached</c> coming instead of meeting it.
/// </summary>
public sealed record GetMonthlyCapsQuery(string Passbook) : IRequest<Result<MonthlyCapsResponse>>;

/// <summary>One earning item's month so far for one household.</summary>
/// <param name="RuleId">The item.</param>
/// <param name="Name">Its name.</param>
/// <param name="Points">What one award earns.</param>
/// <param name="MonthlyCap">The most a household may earn from it in a month; null when unlimited.</param>
/// <param name="EarnedThisMonth">Points earned from it this month, net of corrections.</param>
/// <param name="Left">What the cap still allows this month; null when unlimited.</param>
public sealed record MonthlyCapLine(string RuleId, string Name, long Points, long? MonthlyCap, long EarnedThisMonth, long? Left);

/// <summary>The answer of <see cref="GetMonthlyCapsQuery"/>.</summary>
/// <param name="Passbook">The household.</param>
/// <param name="CommunityId">Its community.</param>
/// <param name="Month">The calendar month counted (yyyy-MM, community zone).</param>
/// <param name="Items">Every current earning item, by id.</param>
public sealed record MonthlyCapsResponse(string Passbook, string CommunityId, string Month, IReadOnlyList<MonthlyCapLine> Items);

/// <summary>Input rules of <see cref="GetMonthlyCapsQuery"/>.</summary>
public sealed class GetMonthlyCapsValidator : AbstractValidator<GetMonthlyCapsQuery>
{
    public GetMonthlyCapsValidator() => RuleFor(q => q.Passbook).MustBeId();
}

/// <summary>
/// Folds the household and its community and counts as the award's own cap check does
/// (<see cref="HouseholdState.EarnedFromItemInMonth"/>), so the figure shown is the figure enforced.
/// </summary>
public sealed class GetMonthlyCapsHandler(IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<GetMonthlyCapsQuery, Result<MonthlyCapsResponse>>
{
    public async Task<Result<MonthlyCapsResponse>> Handle(GetMonthlyCapsQuery query, CancellationToken cancellationToken)
    {
        var stream = await StreamLoader.LoadAsync(store, registry, StreamIds.Household(query.Passbook), null, null, cancellationToken);
        var household = stream.Fold(HouseholdState.Initial, HouseholdDecider.Evolve);
        if (!household.Exists)
        {
            return LedgerErrors.HouseholdNotFound(query.Passbook);
        }

        if (Access.Household(context.Principal, query.Passbook, household.CommunityId) is { } denied)
        {
            return denied;
        }

        var community = await CommunityStream.ReadAsync(store, registry, context.Principal, household.CommunityId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        var zone = community.Value.TimeZone;
        var month = CommunityCalendar.MonthOf(clock.GetUtcNow(), zone);
        var lines = community.Value.CurrentItems
            .Where(i => !i.IsDeduction)
            .Select(i =>
            {
                var earned = household.EarnedFromItemInMonth(i.RuleId, month, zone);
                return new MonthlyCapLine(i.RuleId, i.Name, i.Points, i.MonthlyCap, earned, i.MonthlyCap is { } cap ? Math.Max(0, cap - earned) : null);
            })
            .ToList();
        return new MonthlyCapsResponse(query.Passbook, household.CommunityId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), lines);
    }
}
