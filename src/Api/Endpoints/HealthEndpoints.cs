using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Prometheus;

namespace Ledger.Api.Endpoints;

/// <summary>
/// What a load balancer and a monitoring system ask: <c>/health/live</c> (the process answers), <c>/health/ready</c>
/// (the store answers, its schema is the one this build runs, async projections are not far behind) and
/// <c>/metrics</c> (Prometheus text). Open, like <c>/health</c>: they tell counts and positions, never ledger data.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The configuration key of the most events an async projection may trail the head by and be ready.</summary>
    public const string MaxProjectionLagKey = "Ledger:Ready:MaxProjectionLag";

    /// <summary>The default of <see cref="MaxProjectionLagKey"/>.</summary>
    public const long DefaultMaxProjectionLag = 1_000;

    /// <summary>Maps the three endpoints. Left out of the OpenAPI document: they are for operators' tools, not clients.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new LiveReport("live"))).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/health/ready", CheckReadyAsync).AllowAnonymous().ExcludeFromDescription();
        MeterExport.EnsureStarted();
        app.MapMetrics("/metrics").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CheckReadyAsync(
        HttpContext http, ILedgerStore store, LedgerStartup startup, LedgerProjections projections, IConfiguration configuration,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var storeName = store.Dialect.ToString().ToLowerInvariant();
        if (!startup.IsStarted)
        {
            return Problems.StoreUnavailable(http, "The ledger's store is still being opened.", [new("ready", false), new("store", storeName)]);
        }

        LedgerHead head;
        IReadOnlyDictionary<string, long> lags;
        try
        {
            head = await store.ReadHeadAsync(cancellationToken);
            lags = await ProjectionLag.MeasureAsync(store, projections, cancellationToken);
        }
        catch (Exception e) when (PostgresEventStore.IsUnavailable(e) || e is Microsoft.Data.Sqlite.SqliteException)
        {
            loggers.CreateLogger(typeof(HealthEndpoints)).LogWarning("Not ready, the store cannot be read: {Reason}", e.Message.ReplaceLineEndings(" "));
            return Problems.StoreUnavailable(http, "The ledger's store cannot be read.", [new("ready", false), new("store", storeName)]);
        }

        var bound = configuration.GetValue(MaxProjectionLagKey, DefaultMaxProjectionLag);
        if (lags.Where(l => l.Value > bound).Select(l => l.Key).ToList() is { Count: > 0 } behind)
        {
            http.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Create("projections-behind", StatusCodes.Status503ServiceUnavailable, "Projections behind",
                $"{string.Join(", ", behind)} trail the ledger by more than {bound} events.",
                [new("ready", false), new("store", storeName), new("projectionLag", lags)]);
        }

        return TypedResults.Ok(new ReadyReport("ready", storeName, head.Position, "current", lags));
    }
}

/// <summary>The answer of <c>GET /health/live</c>.</summary>
/// <param name="Status">Always <c>live</c>.</param>
public sealed record LiveReport(string Status);

/// <summary>The answer of <c>GET /health/ready</c>.</summary>
/// <param name="Status">Always <c>ready</c> (anything else is a 503 problem).</param>
/// <param name="Store"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Position">The ledger's head position.</param>
/// <param name="Schema"><c>current</c>: created or migrated to this build's version at start.</param>
/// <param name="ProjectionLag">Events each async projection has still to apply.</param>
public sealed record ReadyReport(string Status, string Store, long Position, string Schema, IReadOnlyDictionary<string, long> ProjectionLag);
