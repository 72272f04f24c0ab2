using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Leaderboards;

namespace Ledger.Statistics;

/// <summary>
/// One batch of <see cref="StatisticsProjection"/> folded in memory: one change per row, written at the end. Zones
/// and households not registered in the batch are looked up in the projection's own tables (an award always
/// follows its community's registration and its household's opening).
/// </summary>
internal sealed class StatisticsBatch(IReadModelTransaction transaction)
{
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _communityOf = new(StringComparer.Ordinal);

    public List<CommunityRegistered> NewCommunities { get; } = [];

    public Dictionary<string, string> NewHouseholds { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string CommunityId, string Month), MonthFigures> Months { get; } = [];

    public Dictionary<(string CommunityId, string Month, string Passbook), long> Participants { get; } = [];

    public void Register(CommunityRegistered registered)
    {
        if (_zones.TryAdd(registered.CommunityId, registered.TimeZone))
        {
            NewCommunities.Add(registered);
        }
    }

    public void Open(string passbook, string communityId)
    {
        _communityOf[passbook] = communityId;
        NewHouseholds[passbook] = communityId;
    }

    public void Add(string communityId, string month, MonthFigures figures) =>
        Months[(communityId, month)] = Months.GetValueOrDefault((communityId, month)) + figures;

    /// <summary>Adds to the month of <paramref name="occurredOn"/>, or of the recording day when the event has no date.</summary>
    public async Task AddAsync(
        string communityId, DateTimeOffset recordedAt, MonthFigures figures, CancellationToken cancellationToken, DateOnly? occurredOn = null) =>
        Add(communityId, await MonthAsync(communityId, recordedAt, occurredOn, cancellationToken), figures);

    /// <summary>Adds to the month and, when the event is on a household stream, to that household's participations.</summary>
    public async Task ParticipateAsync(
        string communityId, RecordedEvent e, long participations, MonthFigures figures, CancellationToken cancellationToken, DateOnly? occurredOn = null)
    {
        var month = await MonthAsync(communityId, e.RecordedAt, occurredOn, cancellationToken);
        Add(communityId, month, figures);
        if (participations != 0 && LeaderboardPoints.PassbookOf(e.StreamId) is { } passbook)
        {
            Participants[(communityId, month, passbook)] = Participants.GetValueOrDefault((communityId, month, passbook)) + participations;
        }
    }

    public async Task<string?> CommunityOfAsync(string passbook, CancellationToken cancellationToken)
    {
        if (!_communityOf.TryGetValue(passbook, out var communityId))
        {
            await using var command = transaction.CreateCommand(
                $"SELECT community_id FROM {transaction.Table(StatisticsProjection.HouseholdsTable)} WHERE passbook = @p", ("@p", passbook));
            communityId = _communityOf[passbook] = await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        return communityId;
    }

    private async Task<string> MonthAsync(string communityId, DateTimeOffset recordedAt, DateOnly? occurredOn, CancellationToken cancellationToken)
    {
        if (occurredOn is { } date)
        {
            // A business date is a local date already: no zone needed.
            return LeaderboardPeriod.MonthKey(BusinessDate.FirstOfMonth(date));
        }

        if (!_zones.TryGetValue(communityId, out var zone))
        {
            await using var command = transaction.CreateCommand(
                $"SELECT time_zone FROM {transaction.Table(StatisticsProjection.CommunitiesTable)} WHERE community_id = @c", ("@c", communityId));
            zone = _zones[communityId] = await command.ExecuteScalarAsync(cancellationToken) as string ?? CommunityCalendar.DefaultTimeZone;
        }

        return LeaderboardPeriod.MonthKey(CommunityCalendar.MonthOf(recordedAt, zone));
    }
}
