using System.Runtime.InteropServices;
using System.Threading.Channels;
using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// The streams of one worker of <see cref="HashChainCheck"/>: their chains, and a bounded hand-over of events in
/// batches from the replay's reader. Each stream belongs to one shard, so its events stay in order without locks.
/// </summary>
internal sealed class ChainShard
{
    private const int BatchSize = 256;

    private readonly Channel<(RecordedEvent[] Events, int Count)> _batches =
        Channel.CreateBounded<(RecordedEvent[], int)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

    private RecordedEvent[] _batch = new RecordedEvent[BatchSize];
    private int _count;
    private Task? _worker;

    /// <summary>Each stream's chain. Read only after <see cref="CompleteAsync"/>.</summary>
    public Dictionary<string, StreamChain> Streams { get; } = new(StringComparer.Ordinal);

    /// <summary>Queues an event for the worker; waits only when the worker is a whole hand-over behind.</summary>
    public void Add(RecordedEvent recorded)
    {
        _batch[_count++] = recorded;
        if (_count == BatchSize)
        {
            HandOver();
        }
    }

    /// <summary>Hands over the last events and waits until the worker has checked everything.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        HandOver();
        _batches.Writer.TryComplete();
        await (_worker ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void HandOver()
    {
        if (_count == 0)
        {
            return;
        }

        var batch = (_batch, _count);
        (_batch, _count) = (new RecordedEvent[BatchSize], 0);
        _worker ??= Task.Run(VerifyAsync);
        if (!_batches.Writer.TryWrite(batch))
        {
            // The worker is behind: wait for room rather than buffer without bound (IAuditCheck.Observe is synchronous).
            _batches.Writer.WriteAsync(batch).AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task VerifyAsync()
    {
        try
        {
            await foreach (var (events, count) in _batches.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                for (var i = 0; i < count; i++)
                {
                    var e = events[i];
                    ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(Streams, e.StreamId, out _);
                    chain ??= new StreamChain();
                    chain.Observe(e);
                }
            }
        }
        catch (Exception e)
        {
            // Close the hand-over with the failure, so the reader waiting for room gets it instead of waiting forever.
            _batches.Writer.TryComplete(e);
            throw;
        }
    }
}
