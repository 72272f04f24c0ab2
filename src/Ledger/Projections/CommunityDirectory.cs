using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Projections;

/// <summary>Reads the community directory that <see cref="CommunityDirectoryProjection"/> keeps.</summary>
public static class CommunityDirectory
{
    /// <summary>One community's counts; zeros for a community the directory has not seen.</summary>
    public static async Task<DirectoryCounts> ReadAsync(IReadModelStore store, string communityId, CancellationToken cancellationToken)
    {
        var all = await QueryAsync(store, communityId, cancellationToken);
        return all.GetValueOrDefault(communityId);
    }

    /// <summary>Every community's counts, by community id.</summary>
    public static Task<IReadOnlyDictionary<string, DirectoryCounts>> ReadAllAsync(IReadModelStore store, CancellationToken cancellationToken) =>
        QueryAsync(store, null, cancellationToken);

    private static async Task<IReadOnlyDictionary<string, DirectoryCounts>> QueryAsync(
        IReadModelStore store, string? communityId, CancellationToken cancellationToken)
    {
        // A read-only snapshot: one consistent read that never waits for the writer.
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT community_id, households, points_items, activities, participations FROM {CommunityDirectoryProjection.Table}" +
            (communityId is null ? "" : " WHERE community_id = @community"),
            ("@community", communityId));

        var result = new Dictionary<string, DirectoryCounts>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = new DirectoryCounts(
                Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)),
                Convert.ToInt64(reader.GetValue(3)), Convert.ToInt64(reader.GetValue(4)));
        }

        return result;
    }
}
