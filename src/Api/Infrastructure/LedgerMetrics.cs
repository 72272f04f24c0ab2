using System.Diagnostics.Metrics;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The ledger's own instruments, on the .NET meter <c>Ledger</c>. <c>/metrics</c> exports them (<see cref="MeterExport"/>,
/// which prefixes the meter's name: <c>ledger_append_duration</c>, ...) beside ASP.NET Core's
/// <c>http.server.request.duration</c>, which counts and times every request by route and status. Durations are in
/// seconds, as Prometheus expects.
/// </summary>
public sealed class LedgerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Ledger";

    private readonly Meter _meter;
    private long _projectionLag;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public LedgerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Appends = _meter.CreateHistogram<double>("append.duration", "s",
            "Appends to the event store, by outcome (ok, replayed, conflict, unavailable, error), with their time to the COMMIT.");
        AppendedEvents = _meter.CreateCounter<long>("appended.events", "{event}", "Events appended to the ledger.");
        Commands = _meter.CreateHistogram<double>("command.duration", "s",
            "Commands and queries handled, by name and outcome (ok or the problem type), with their time.");
        Redemptions = _meter.CreateHistogram<double>("redemption.duration", "s",
            "Redemptions at the counter, by outcome (ok, insufficient-points, out-of-stock, ...), with their time.");
        _meter.CreateObservableGauge("projection.lag", () => Interlocked.Read(ref _projectionLag), "{event}",
            "Events the slowest asynchronous projection has still to apply (sampled every few seconds).");
    }

    /// <summary>Appends, timed.</summary>
    public Histogram<double> Appends { get; }

    /// <summary>Events appended.</summary>
    public Counter<long> AppendedEvents { get; }

    /// <summary>Mediator requests, timed.</summary>
    public Histogram<double> Commands { get; }

    /// <summary>Redemptions, timed.</summary>
    public Histogram<double> Redemptions { get; }

    /// <summary>Records the latest projection lag sample.</summary>
    public void SetProjectionLag(long events) => Interlocked.Exchange(ref _projectionLag, events);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
