using Ledger.EventStore;

namespace Ledger.Audit;

/// <summary>
/// For checks that compare what the replay folded with a read model the server keeps. The replay stops at the head it
/// saw when it started, but a live server goes on appending, and its inline read models move with it: compared as they
/// are, a busy ledger would show differences that are only time passing. So the check first catches up with the ledger,
/// then reads the read model, and accepts the snapshot only when the head did not move in between.
/// </summary>
public static class ReadModelSnapshot
{
    private const int Attempts = 5;

    /// <summary>
    /// Feeds <paramref name="observe"/> every event after <paramref name="lastObserved"/> (re-read each attempt) up to a
    /// head, reads the read model, and returns it when the head is unchanged; after a few busy attempts, the last one.
    /// </summary>
    public static async Task<T> TakeAsync<T>(
        IEventStore store, Func<long> lastObserved, Action<RecordedEvent> observe, Func<CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await store.ReadHeadAsync(cancellationToken);
            await foreach (var e in store.ReadAllAsync(lastObserved(), cancellationToken))
            {
                if (e.Position > head.Position)
                {
                    break;
                }

                observe(e);
            }

            var snapshot = await read(cancellationToken);
            if (attempt == Attempts || (await store.ReadHeadAsync(cancellationToken)).Position == head.Position)
            {
                return snapshot;
            }
        }
    }
}
