namespace Ledger.Common;

/// <summary>
/// In-process queues per stream, for commands that many requests aim at the same streams at once (every counter sells
/// the same few popular items). Optimistic concurrency alone keeps such a burst correct but wasteful: all but one of
/// the requests lose the append, back off and decide again, and the back-off becomes the tail latency. Holding the
/// streams' locks from load to append lets the requests of one process take turns instead; the expected versions
/// still referee against other processes, so the locks are an optimisation, never the guard.
/// </summary>
public sealed class StreamLocks
{
    /// <summary>
    /// The process's one set of turns, shared by redemptions and by commands that lost a race: an award that lost to
    /// the sales of its household waits its turn among them instead of losing round after round.
    /// </summary>
    public static StreamLocks Process { get; } = new();

    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>How many streams have a holder or a waiter now (entries go when the last one leaves).</summary>
    public int Count
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>
    /// Waits for every stream of <paramref name="streamIds"/>, taken in ordinal order so that two requests wanting
    /// overlapping streams can never wait for each other. Dispose the result to let the next request in; disposing it
    /// again (early from a store's hook, then at the end of the request) does nothing.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(IEnumerable<string> streamIds, CancellationToken cancellationToken)
    {
        var held = new Held(this);
        try
        {
            foreach (var id in streamIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var gate = Enter(id);
                try
                {
                    await gate.Semaphore.WaitAsync(cancellationToken);
                }
                catch
                {
                    Leave(id, gate, release: false);
                    throw;
                }

                held.Add(id, gate);
            }

            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private Gate Enter(string id)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(id, out var gate))
            {
                _gates[id] = gate = new Gate();
            }

            gate.Users++;
            return gate;
        }
    }

    private void Leave(string id, Gate gate, bool release)
    {
        if (release)
        {
            gate.Semaphore.Release();
        }

        lock (_gates)
        {
            // The last user drops the entry, so the table holds only streams someone is using: bounded by the requests.
            if (--gate.Users == 0)
            {
                _gates.Remove(id);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(StreamLocks owner) : IDisposable
    {
        private readonly List<(string Id, Gate Gate)> _held = [];
        private int _disposed;

        public void Add(string id, Gate gate) => _held.Add((id, gate));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            for (var i = _held.Count - 1; i >= 0; i--)
            {
                owner.Leave(_held[i].Id, _held[i].Gate, release: true);
            }

            _held.Clear();
        }
    }
}
