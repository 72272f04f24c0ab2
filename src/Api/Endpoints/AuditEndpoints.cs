using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Audit;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Endpoints;

/// <summary>The auditor's endpoints: verify the whole ledger, and read the global event feed page by page.</summary>
public static class AuditEndpoints
{
    /// <summary>The most events one page of the feed holds.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Events on a page when <c>limit</c> is left out.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Maps <c>GET /api/audit/verify</c> and <c>GET /api/audit/events</c>.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("/verify", VerifyAsync)
            .RequireRoles(Role.Auditor)
            .WithSummary("Replay the whole ledger and check every invariant an auditor checks")
            .WithDescription(
                "Auditor keys only. Reads every event once in global order, up to the head seen at the start, and checks: each "
                + "stream's hash chain; per community, issued - deducted - corrected - redeemed + refunded - expired = the sum of its "
                + "households' balances; no balance below zero except through a correction; each expiry follows from the household's "
                + "lots before it; per catalogue item, received - "
                + "redeemed + returned = on hand, against the counter's receipts and the live catalogue; per sponsorship, points "
                + "used <= given, and donated goods received on the item they name; per community, points issued = community-funded "
                + "+ what sponsors' budgets drew; per partner, the settlement equals the vouchers of its services fulfilled; every read model equal to "
                + "a fresh replay; every published honour roll equal to its recomputation. `ok` is true when `problems` is empty. Each problem names the stream (or the "
                + "community, item, read model or roll), the first bad global position (null where there is none), a stable `kind` (`changed`, "
                + "`missing`, `reordered`, `inserted`, `truncated`, `points-not-conserved`, `negative-balance`, "
                + "`expiry-unfounded`, `stock-not-conserved`, `sponsorship-overdrawn`, `funding-not-split`, `donation-not-received`, `settlement-differs`, `honor-roll-differs`, "
                + "`projection-differs`) and a sentence of detail. "
                + "The work grows with the ledger; the `verify` command-line verb does the same without an HTTP request.")
            .Produces<AuditReport>()
            .ProducesProblems(401, 403);

        audit.MapGet("/events", EventsAsync)
            .RequireRoles(Role.Auditor)
            .WithSummary("The global event feed, in order, page by page")
            .WithDescription(
                "Auditor keys only. The events after position `after` (default 0, the start), at most `limit` (1 to 1000, default "
                + "100), in global order, never past an append still in flight. Each event carries every field its hash covers, "
                + "`data` and `metadata` exactly as stored, so the chain can be recomputed from the feed; the lines of the NDJSON "
                + "export have the same fields. `next` is the `after` of the following page, or null when this page reached the "
                + "head (ask again from the last position later to follow the ledger).")
            .Produces<AuditEventsPage>()
            .ProducesProblems(400, 401, 403);
        return app;
    }

    private static async Task<IResult> VerifyAsync(AuditChecks checks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await checks.Replay().RunAsync(cancellationToken: cancellationToken));

    private static async Task<IResult> EventsAsync(
        [Description("Start after this global position (default 0).")] string? after,
        [Description("Events on the page, 1 to 1000 (default 100).")] string? limit,
        ILedgerStore store,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        var from = Whole(after, "after", 0, long.MaxValue, 0, "'after' must be a global position: a whole number of 0 or more.", errors);
        var size = Whole(limit, "limit", 1, MaxLimit, DefaultLimit, $"'limit' must be a whole number from 1 to {MaxLimit}.", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToErrorMap());
        }

        var events = new List<AuditEventLine>();
        await foreach (var e in store.ReadAllAsync(from, cancellationToken))
        {
            events.Add(AuditEventLine.From(e));
            if (events.Count == size)
            {
                break;
            }
        }

        return TypedResults.Ok(new AuditEventsPage(events, events.Count == size ? events[^1].Position : null));
    }

    private static long Whole(string? text, string field, long min, long max, long fallback, string message, List<(string, string)> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        errors.Add((field, message));
        return fallback;
    }
}

/// <summary>One page of the global event feed.</summary>
/// <param name="Events">The events, in global order.</param>
/// <param name="Next">The <c>after</c> of the next page; null when this page reached the ledger's head.</param>
public sealed record AuditEventsPage(
    IReadOnlyList<AuditEventLine> Events, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] long? Next);
