using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Ledger.Audit;

/// <summary>
/// Verify runs as jobs, so a long replay never holds an HTTP request open: one request starts a job, others read its
/// progress and, once done, its report. One job runs at a time per server (a second start is answered with the running
/// job: a replay reads the whole ledger, and two at once only halve each other). Jobs live in this server's memory; the
/// last few finished ones are kept for their reports.
/// </summary>
public sealed class VerifyJobs : IDisposable
{
    private const int KeptJobs = 10;

    private readonly ConcurrentDictionary<string, VerifyJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private readonly TimeProvider _clock;

    /// <summary>Jobs timed by <paramref name="clock"/>.</summary>
    public VerifyJobs(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>Starts <paramref name="run"/> as a new job, or returns the job already running.</summary>
    public VerifyJob Start(Func<IProgress<AuditProgress>, CancellationToken, Task<AuditReport>> run)
    {
        lock (_starting)
        {
            if (_jobs.Values.FirstOrDefault(j => j.State == VerifyJobState.Running) is { } running)
            {
                return running;
            }

            var job = new VerifyJob(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), _clock.GetUtcNow());
            _jobs[job.JobId] = job;
            foreach (var old in _jobs.Values.Where(j => j.State != VerifyJobState.Running).OrderByDescending(j => j.StartedAt).Skip(KeptJobs))
            {
                _jobs.TryRemove(old.JobId, out _);
            }

            _ = Task.Run(() => RunAsync(job, run));
            return job;
        }
    }

    /// <summary>The job with <paramref name="jobId"/>, or null when this server holds none.</summary>
    public VerifyJob? Find(string jobId) => _jobs.GetValueOrDefault(jobId);

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(VerifyJob job, Func<IProgress<AuditProgress>, CancellationToken, Task<AuditReport>> run)
    {
        try
        {
            // Progress is a plain field written from the replay's own thread: a poll reads the latest, never a queue.
            var report = await run(new SynchronousProgress(p => job.Progress = p), _stopping.Token);
            job.Finish(report, null, _clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            job.Finish(null, ex is OperationCanceledException ? "The server stopped before the replay finished." : ex.Message, _clock.GetUtcNow());
        }
    }

    private sealed class SynchronousProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }
}

/// <summary>A verify job's state.</summary>
public enum VerifyJobState
{
    /// <summary>Replaying.</summary>
    Running,

    /// <summary>Finished; the report says whether the ledger is intact.</summary>
    Done,

    /// <summary>Could not finish (the store failed, or the server stopped).</summary>
    Failed,
}

/// <summary>One verify job: its progress while running, then its report (or why it failed).</summary>
public sealed class VerifyJob(string jobId, DateTimeOffset startedAt)
{
    private volatile AuditProgress? _progress;
    private volatile VerifyJobOutcome? _outcome;

    /// <summary>The job's id.</summary>
    public string JobId { get; } = jobId;

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The latest progress reported.</summary>
    public AuditProgress? Progress { get => _progress; internal set => _progress = value; }

    /// <summary>Running until an outcome is set.</summary>
    public VerifyJobState State => _outcome is null ? VerifyJobState.Running : _outcome.Report is null ? VerifyJobState.Failed : VerifyJobState.Done;

    /// <summary>The outcome once finished.</summary>
    public VerifyJobOutcome? Outcome => _outcome;

    internal void Finish(AuditReport? report, string? error, DateTimeOffset at) => _outcome = new VerifyJobOutcome(report, error, at);
}

/// <summary>How a job ended.</summary>
/// <param name="Report">The replay's report; null when it failed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record VerifyJobOutcome(AuditReport? Report, string? Error, DateTimeOffset FinishedAt);
