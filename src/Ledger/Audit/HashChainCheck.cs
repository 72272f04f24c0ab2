using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// Recomputes every stream's hash chain as the replay goes by, then holds the result against the store's own record
/// of each stream (<see cref="IEventStoreAdmin.ReadStreamHeadsAsync"/>). Reports, per stream, the first bad position and
/// what is wrong: <c>changed</c>, <c>missing</c>, <c>reordered</c>, <c>inserted</c> or <c>truncated</c>.
/// README.md in this folder says what an attacker with write access can and cannot hide from it.
/// </summary>
/// <remarks>
/// Hashing is the replay's main cost after reading, so links are checked eight at a time (<see cref="ChainLinks"/>),
/// on the replay's own thread: cheaper than reading each event, it needs no workers, and memory holds eight events.
/// </remarks>
public sealed class HashChainCheck(ILedgerStore store) : IAuditCheck
{
    private readonly Dictionary<string, StreamChain> _streams = new(StringComparer.Ordinal);
    private readonly ChainLinks _links = new();
    private readonly (StreamChain Chain, RecordedEvent Event)[] _pending = new (StreamChain, RecordedEvent)[ChainLinks.Capacity];
    private long _lastPosition;

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        _lastPosition = recorded.Position;
        ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, recorded.StreamId, out _);
        chain ??= new StreamChain();
        _pending[_links.Count] = (chain, recorded);
        _links.Add(chain.Tail, recorded);
        chain.Tail = recorded.Hash;
        if (_links.Count == ChainLinks.Capacity)
        {
            CheckPending();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckPending();
        var problems = new List<AuditProblem>();
        await foreach (var head in store.ReadStreamHeadsAsync(cancellationToken))
        {
            // Removed as it is matched: what remains afterwards has events but no record in the streams table.
            _streams.Remove(head.StreamId, out var chain);
            await CompareAsync(head, chain ?? new StreamChain(), problems, cancellationToken);
        }

        foreach (var (streamId, chain) in _streams)
        {
            await CompareAsync(new StreamHead(streamId, 0, null), chain, problems, cancellationToken);
        }

        _streams.Clear();
        foreach (var problem in problems.OrderBy(p => p.Stream, StringComparer.Ordinal))
        {
            yield return problem;
        }
    }

    /// <summary>Checks the links waiting, then shows each chain its events in the order they came.</summary>
    private void CheckPending()
    {
        Span<bool> follows = stackalloc bool[ChainLinks.Capacity];
        var count = _links.Count;
        _links.Check(follows);
        for (var i = 0; i < count; i++)
        {
            _pending[i].Chain.Observe(_pending[i].Event, follows[i]);
            _pending[i] = default;
        }
    }

    private async Task CompareAsync(StreamHead recorded, StreamChain chain, List<AuditProblem> problems, CancellationToken cancellationToken)
    {
        if (chain.Problem is null)
        {
            if (chain.HighestVersion > recorded.Version)
            {
                var first = await FirstAtOrAfterAsync(recorded.StreamId, recorded.Version + 1, cancellationToken);
                chain.Flag(AuditProblemKinds.Inserted, first?.Position,
                    $"Version {recorded.Version + 1} (position {first?.Position}) is beyond the version the store records for the stream ({recorded.Version}): it was written behind the store's back.");
            }
            else if (chain.Version < recorded.Version && await IsTruncatedAsync(recorded.StreamId, chain.Version, cancellationToken))
            {
                chain.Flag(AuditProblemKinds.Truncated, null,
                    $"The stream ends at version {chain.Version} (position {chain.Position}), but the store records version {recorded.Version}: versions {chain.Version + 1} to {recorded.Version} are gone.");
            }
            else if (chain.Version == recorded.Version && recorded.LastHash is not null
                     && !string.Equals(recorded.LastHash, chain.Hash, StringComparison.Ordinal))
            {
                chain.Flag(AuditProblemKinds.Inserted, chain.Position,
                    $"Version {chain.Version} (position {chain.Position}) is not the event the store appended: the store recorded another hash for it, so it was replaced by a forged one.");
            }
        }

        if (chain.Problem is { } problem)
        {
            problems.Add(problem with { Stream = recorded.StreamId });
        }
    }

    /// <summary>
    /// Whether versions after <paramref name="version"/> are really gone. A live server may have appended them after
    /// the replay's head: then they are there, at positions the replay did not reach.
    /// </summary>
    private async Task<bool> IsTruncatedAsync(string streamId, long version, CancellationToken cancellationToken) =>
        await FirstAtOrAfterAsync(streamId, version + 1, cancellationToken) is not { } next
        || next.StreamVersion != version + 1
        || next.Position <= _lastPosition;

    private async Task<RecordedEvent?> FirstAtOrAfterAsync(string streamId, long version, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(streamId, version, cancellationToken))
        {
            return e;
        }

        return null;
    }
}
