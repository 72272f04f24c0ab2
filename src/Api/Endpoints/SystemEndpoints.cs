using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Endpoints;

/// <summary>Open endpoints for operators and tools: health and the OpenAPI document.</summary>
public static class SystemEndpoints
{
    /// <summary>Maps <c>GET /health</c>, <c>GET /openapi/v1.json</c> and the operators' endpoints (<see cref="HealthEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckHealthAsync)
            .AllowAnonymous()
            .WithTags("System")
            .WithSummary("Liveness and store reachability")
            .Produces<HealthReport>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        return app;
    }

    private static async Task<IResult> CheckHealthAsync(
        HttpContext http, ILedgerStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var storeName = store.Dialect.ToString().ToLowerInvariant();
        try
        {
            var head = await store.ReadHeadAsync(cancellationToken);
            return TypedResults.Ok(new HealthReport("ok", storeName, head.Position));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(SystemEndpoints)).LogWarning("Health check cannot read the store's head: {Reason}",
                ex.Message.ReplaceLineEndings(" "));
            return Problems.StoreUnavailable(http, "The ledger's store cannot be read.", [new("health", "unavailable"), new("store", storeName)]);
        }
    }
}

/// <summary>The answer of <c>GET /health</c>.</summary>
/// <param name="Status">Always <c>ok</c> (a failure is a 503 problem).</param>
/// <param name="Store"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Position">The ledger's head position.</param>
public sealed record HealthReport(string Status, string Store, long Position);
