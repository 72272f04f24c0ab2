using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;
using Ledger.Leaderboards;

namespace Ledger.Audit;

/// <summary>
/// Each expiry follows from the lots before it: replaying every household with its own fold, a <c>PointsExpired</c>
/// must name only lots the household held, with the last day each earning pinned, no more of a lot than was left of
/// it, points that add up, no more than the balance, and it must be recorded after the lots' last day in the
/// community's zone. A changed, invented or early expiry is reported at its position.
/// </summary>
public sealed class ExpiryCheck(EventTypeRegistry registry) : IAuditCheck
{
    private readonly Dictionary<string, HouseholdState> _households = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal);
    private readonly List<AuditProblem> _problems = [];

    public void Observe(RecordedEvent recorded)
    {
        if (recorded.Type == EventNames.Of<CommunityRegistered>() && Read(recorded) is CommunityRegistered registered)
        {
            _zones[registered.CommunityId] = registered.TimeZone;
            return;
        }

        if (LeaderboardPoints.PassbookOf(recorded.StreamId) is not { } passbook || registry.TypeOf(recorded.Type) is null)
        {
            return;
        }

        var before = _households.GetValueOrDefault(passbook) ?? HouseholdState.Initial;
        if (Read(recorded) is not { } data)
        {
            return;
        }

        if (data is PointsExpired expired && Unfounded(expired, before, recorded) is { } why)
        {
            _problems.Add(new AuditProblem(recorded.StreamId, recorded.Position, AuditProblemKinds.ExpiryUnfounded,
                $"Household '{passbook}': the expiry at version {recorded.StreamVersion} {why}"));
        }

        _households[passbook] = HouseholdDecider.Evolve(before, new EventEnvelope(
            recorded.EventId, recorded.Type, recorded.StreamVersion, recorded.Position, recorded.RecordedAt, recorded.Metadata.Principal, data));
    }

    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var problem in _problems)
        {
            yield return problem;
        }
    }

    private string? Unfounded(PointsExpired expired, HouseholdState before, RecordedEvent recorded)
    {
        if (expired.Points <= 0 || expired.Lots.Sum(l => l.Points) != expired.Points)
        {
            return $"expires {expired.Points} points, but its lots add up to {expired.Lots.Sum(l => l.Points)}.";
        }

        if (expired.Points > Math.Max(0, before.Balance))
        {
            return $"expires {expired.Points} points from a balance of {before.Balance}.";
        }

        var day = CommunityCalendar.DateOf(recorded.RecordedAt, _zones.GetValueOrDefault(before.CommunityId) ?? CommunityCalendar.DefaultTimeZone);
        foreach (var named in expired.Lots)
        {
            var lot = before.Lots.Lots.FirstOrDefault(l => l.EventId == named.EventId);
            if (lot is null || lot.ExpiresOn != named.ExpiresOn)
            {
                return $"names lot {named.EventId} ending {named.ExpiresOn:yyyy-MM-dd}, which the household's earnings do not hold.";
            }

            if (named.Points <= 0 || named.Points > lot.Remaining)
            {
                return $"takes {named.Points} points of lot {named.EventId}, which had {lot.Remaining} left.";
            }

            if (day <= named.ExpiresOn)
            {
                return $"was recorded on {day:yyyy-MM-dd}, before lot {named.EventId} ended at the end of {named.ExpiresOn:yyyy-MM-dd}.";
            }
        }

        return null;
    }

    private object? Read(RecordedEvent recorded)
    {
        try
        {
            return registry.Deserialize(recorded);
        }
        catch (JsonException)
        {
            // Unreadable data is the hash chain's finding, not this check's.
            return null;
        }
    }
}
