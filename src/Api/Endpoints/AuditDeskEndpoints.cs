using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Audit;
using Ledger.Common;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>The auditor's desk: verify as a job with progress, a household's points traced to their sources, the export.</summary>
public static class AuditDeskEndpoints
{
    /// <summary>Maps <c>/api/audit/verify-jobs</c>, <c>/api/audit/households/{passbook}/trace</c> and <c>/api/audit/export</c>.</summary>
    public static IEndpointRouteBuilder MapAuditDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireRoles(Role.Auditor);
        audit.MapPost("/verify-jobs", (VerifyJobs jobs, AuditChecks checks) =>
            {
                var job = jobs.Start((progress, ct) => checks.Replay().RunAsync(progress, ct));
                return TypedResults.Accepted($"/api/audit/verify-jobs/{job.JobId}", VerifyJobAnswer.Of(job));
            })
            .ChangesNothing()
            .WithSummary("Start verifying the whole ledger as a job; poll the job for its progress and report")
            .WithDescription(
                "Auditor keys only. The same replay as `GET /api/audit/verify`, run in the background so no request is held open "
                + "while it reads the ledger: the answer (202) names the job, and `GET /api/audit/verify-jobs/{jobId}` gives its "
                + "progress (`events`, `position` of `headPosition`) and, once `state` is `done`, the report. One job runs at "
                + "a time: starting another while one runs answers the running one. Jobs are held by the server that runs them.")
            .Produces<VerifyJobAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblems(401, 403);

        audit.MapGet("/verify-jobs/{jobId}", ([Description("The job's id, from the start's answer.")] string jobId, VerifyJobs jobs) =>
                jobs.Find(jobId) is { } job
                    ? Results.Ok(VerifyJobAnswer.Of(job))
                    : Problems.Create(ProblemTypes.NotFound, StatusCodes.Status404NotFound, "Job not found", $"This server holds no verify job '{jobId}'."))
            .WithSummary("A verify job's progress, then its report")
            .Produces<VerifyJobAnswer>()
            .ProducesProblems(401, 403, 404);

        audit.MapGet("/households/{passbook}/trace", async (
                [Description("The household's passbook number.")] string passbook, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new TraceHouseholdQuery(passbook), cancellationToken)).ToOk())
            .WithSummary("Every entry of a household traced to its points item and version or activity, member, recorder and hash")
            .WithDescription(
                "Auditor keys only. The passbook's entries in order, each with the change to the balance and the balance after it, "
                + "the points item and the version applied (or the activity), the member, the key that recorded it (its id and "
                + "label) and when, and the event's global position and chained hash, to check against the event feed or export.")
            .Produces<HouseholdTrace>()
            .ProducesProblems(400, 401, 403, 404);

        audit.MapGet("/export", async (HttpContext http, Ledger.EventStore.ILedgerStore store, CancellationToken cancellationToken) =>
            {
                // Streamed as it is read: the whole ledger never sits in the server's memory.
                http.Response.ContentType = "application/x-ndjson; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=ledger.ndjson";
                await EventExport.WriteAsync(store, http.Response.Body, cancellationToken: cancellationToken);
            })
            .WithSummary("The whole ledger as NDJSON, one event a line in global order (the export verb's file)")
            .WithDescription(
                "Auditor keys only. Every event up to the head seen when the download starts, each line with the fields its "
                + "hash covers (`data` and `metadata` exactly as stored), as `export --out` writes it; `import` and "
                + "`verify` take the file. Sent in the X-Api-Key header like every request, never in the address.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .ProducesProblems(401, 403);
        return app;
    }
}

/// <summary>A verify job as the API shows it.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="State"><c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Events">Events replayed so far.</param>
/// <param name="Position">The global position reached.</param>
/// <param name="HeadPosition">Where the replay stops: the ledger's head when it started.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Report">The report, once done.</param>
/// <param name="Error">Why it failed.</param>
public sealed record VerifyJobAnswer(
    string JobId, VerifyJobState State, long Events, long Position, long HeadPosition, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, AuditReport? Report, string? Error)
{
    /// <summary>The answer for <paramref name="job"/> as it stands.</summary>
    public static VerifyJobAnswer Of(VerifyJob job)
    {
        var outcome = job.Outcome;
        var progress = job.Progress;
        var events = outcome?.Report?.Events ?? progress?.Events ?? 0;
        return new VerifyJobAnswer(job.JobId, job.State, events, progress?.Position ?? 0, progress?.HeadPosition ?? 0, job.StartedAt,
            outcome?.FinishedAt, outcome?.Report, outcome?.Error);
    }
}
