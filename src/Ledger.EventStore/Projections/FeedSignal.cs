namespace Ledger.EventStore.Projections;

/// <summary>
/// Tells followers of the global feed in this process that an append has committed, so an async projection
/// wakes at once instead of at its next poll. Other processes' appends are only seen by polling.
/// </summary>
/// <remarks>
/// A follower takes <see cref="Next"/> <i>before</i> it reads the feed and waits on it only after finding nothing
/// new: an append that commits in between has then already completed the task, so no wake-up is lost.
/// </remarks>
public sealed class FeedSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastPosition;

    /// <summary>The highest position notified so far in this process (0 before the first).</summary>
    public long LastPosition => Interlocked.Read(ref _lastPosition);

    /// <summary>Completes at the next notification after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Called by the store after an append commits. Cheap and never throws: it runs on the append path.</summary>
    public void Notify(long lastPosition)
    {
        var seen = LastPosition;
        while (lastPosition > seen)
        {
            var found = Interlocked.CompareExchange(ref _lastPosition, lastPosition, seen);
            if (found == seen)
            {
                break;
            }

            seen = found;
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
