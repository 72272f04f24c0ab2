namespace Ledger.EventStore;

/// <summary>
/// One append waiting in a store's commit queue (<c>SqliteCommitQueue</c>,
/// <c>PostgresCommitQueue</c>). It keeps its outcome until the batch's COMMIT has decided it, because
/// nothing may be answered, not even a refusal, before the state it was decided on is durable.
/// </summary>
internal sealed class QueuedAppend
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<AppendResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private readonly Action<AppendResult>? _written;
    private int _state;
    private bool _reported;
    private AppendResult? _result;
    private Exception? _error;

    public QueuedAppend(IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        Appends = appends;
        Idempotency = idempotency;
        _written = written;
        CancellationToken = cancellationToken;
        // A caller that gives up while the writer is busy is answered at once, as a wait on the writer lock was.
        _cancellation = cancellationToken.Register(static q => ((QueuedAppend)q!).CancelIfWaiting(), this);
    }

    public IReadOnlyList<StreamAppend> Appends { get; }

    public IdempotencyKey? Idempotency { get; }

    public CancellationToken CancellationToken { get; }

    public Task<AppendResult> Task => _done.Task;

    /// <summary>The result, once the batch has committed; null for a failed or not yet written append.</summary>
    public AppendResult? Result => _error is null ? _result : null;

    /// <summary>
    /// Claims the append for a batch. False if its caller cancelled first: it was already answered and must not be
    /// written, or the caller would be told "cancelled" about an append that landed.
    /// </summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Waiting) != Waiting)
        {
            return false;
        }

        _cancellation.Dispose();
        return true;
    }

    public void Succeed(AppendResult result) => _result = result;

    /// <summary>
    /// Tells the caller's hook that its append is written and waits only for the batch's COMMIT; once, though a store
    /// may write it again (PostgreSQL does when an append of its round trip fails).
    /// </summary>
    public void ReportWritten()
    {
        if (_result is { Replayed: false } written && !_reported)
        {
            _reported = true;
            _written?.Invoke(written);
        }
    }

    public void Fail(Exception error) => _error = error;

    /// <summary>Answers the caller; only after the batch's COMMIT returned (or failed).</summary>
    public void Complete()
    {
        switch (_error)
        {
            case null:
                _done.TrySetResult(_result!);
                break;
            case OperationCanceledException cancelled:
                _done.TrySetCanceled(cancelled.CancellationToken);
                break;
            default:
                _done.TrySetException(_error);
                break;
        }
    }

    private void CancelIfWaiting()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            _done.TrySetCanceled(CancellationToken);
        }
    }
}
