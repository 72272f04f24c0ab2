using Microsoft.Extensions.Logging;

namespace Ledger.EventStore.Projections;

/// <summary>The operator's and auditor's side of the daemon: rebuild from zero, compare with a fresh replay, status.</summary>
public sealed partial class ProjectionDaemon
{
    /// <summary>
    /// Rebuilds one projection from zero in one transaction. Inline: appends wait until it commits, so none is
    /// missed or counted twice. Async: its runner pauses meanwhile and resumes from the rebuilt checkpoint.
    /// </summary>
    public async Task RebuildAsync(string projection, CancellationToken cancellationToken = default)
    {
        if (_inline.TryGetValue(projection, out var inline))
        {
            await ProjectionRebuilder.RebuildAsync(_store, inline, ProjectionMode.Inline, _options.RebuildBatchSize, cancellationToken);
            return;
        }

        await Worker(projection).RebuildAsync(cancellationToken);
    }

    /// <summary>Rebuilds every projection, one after another.</summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in Projections)
        {
            await RebuildAsync(name, cancellationToken);
        }
    }

    /// <summary>
    /// Replays <paramref name="projection"/> into temporary shadow tables up to where its live tables stand, and
    /// compares them row by row. The live tables are only read; nothing of the replay outlives the call.
    /// </summary>
    public Task<ProjectionComparison> CompareAsync(string projection, CancellationToken cancellationToken = default) =>
        _inline.TryGetValue(projection, out var inline)
            ? ProjectionComparer.CompareAsync(_store, inline, inline: true, _options.MaxReportedDifferences, _options.RebuildBatchSize, cancellationToken)
            : ProjectionComparer.CompareAsync(_store, Worker(projection).Projection, inline: false, _options.MaxReportedDifferences, _options.RebuildBatchSize, cancellationToken);

    /// <summary>Compares every projection with a fresh replay.</summary>
    public async Task<IReadOnlyList<ProjectionComparison>> CompareAllAsync(CancellationToken cancellationToken = default)
    {
        var comparisons = new List<ProjectionComparison>();
        foreach (var name in Projections)
        {
            comparisons.Add(await CompareAsync(name, cancellationToken));
        }

        return comparisons;
    }

    /// <summary>Where each projection stands in this process.</summary>
    public IReadOnlyList<ProjectionStatus> Status() =>
        [.. _inline.Keys.Select(n => new ProjectionStatus(n, ProjectionMode.Inline, 0, 0, null)), .. _workers.Values.Select(w => w.Status)];

    private async Task BuildNeverBuiltInlineProjectionsAsync(CancellationToken cancellationToken)
    {
        foreach (var name in _inline.Keys)
        {
            // A rebuild saves the inline projection's checkpoint; none saved on a ledger with events means never built.
            if (await _store.Checkpoints.LoadAsync(CheckpointName(name), cancellationToken) == 0
                && (await _store.ReadHeadAsync(cancellationToken)).Position > 0)
            {
                _logger.LogInformation("Building inline projection {Projection}: it has never been built on this ledger", name);
                await RebuildAsync(name, cancellationToken);
            }
        }
    }
}
