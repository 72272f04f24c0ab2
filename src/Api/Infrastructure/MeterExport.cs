using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using Prometheus;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Feeds <c>/metrics</c> from the three .NET meters docs/operations.md names: ASP.NET Core's hosting meter (requests
/// by route and status), <c>Ledger</c> and <c>System.Runtime</c>. It replaces prometheus-net's generic meter adapter,
/// which on every measurement sorted the tags with LINQ, looked up a metric with a managed lifetime and leased it.
/// Here a series is found once by its tags and kept, so a measurement costs one dictionary look-up and the collector's
/// own add: a sale's measurements take 1.6 µs of CPU instead of 4 - 6 µs
/// (benchmarks/results/20261207T1100-micro-per-sale-pieces.md).
/// The series read as the adapter wrote them: the meter's and the instrument's names in lower case with dots as
/// underscores (<c>ledger_append_duration</c>), tags as labels sorted by name, counters as gauges of their sum.
/// </summary>
internal sealed class MeterExport
{
    // The meters docs/operations.md names. Kestrel's, routing's and the drivers' meters are not listened to: each adds
    // measurements to every request for series nobody reads.
    private static readonly HashSet<string> ExportedMeters = ["Microsoft.AspNetCore.Hosting", LedgerMetrics.MeterName, "System.Runtime"];

    // Durations in seconds get buckets from 1 ms to 10 s; the adapter's defaults otherwise.
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // Once per process: test processes host many servers, and a second listener would count everything twice.
    // The runtime's own meter replaces prometheus-net's event counters (a listener thread of their own) and its default
    // meter adapter; its process_* metrics stay.
    private static readonly Lazy<MeterExport> Instance = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        return new MeterExport(Metrics.DefaultRegistry);
    });

    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly ConcurrentDictionary<string, MeterSeries> _series = new(StringComparer.Ordinal);

    private MeterExport(CollectorRegistry registry)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        _listener.Start();

        // Observable instruments (the projection lag, the runtime's) are read when Prometheus scrapes.
        registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    /// <summary>
    /// Starts listening, once per process. It must start with the server, not at the first scrape: every
    /// measurement before that (a whole day's, if nothing scrapes yet) would be lost.
    /// </summary>
    public static void EnsureStarted() => _ = Instance.Value;

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!ExportedMeters.Contains(instrument.Meter.Name) || MeterSeries.KindOf(instrument) is not { } kind)
        {
            return;
        }

        // Servers in one process each have their own Ledger meter: their like-named instruments feed one series.
        var name = PrometheusName($"{instrument.Meter.Name}_{instrument.Name}");
        var series = _series.GetOrAdd(name, _ => new MeterSeries(_factory, name, Help(instrument), kind,
            instrument.Unit == "s" ? SecondsBuckets : MeterAdapterOptions.DefaultHistogramBuckets));
        listener.EnableMeasurementEvents(instrument, series);
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, INumberBase<T>
    {
        // An exception thrown here would switch the instrument off for good; a lost measurement is the lesser harm.
        try
        {
            ((MeterSeries)state!).Record(double.CreateSaturating(measurement), tags);
        }
        catch (Exception e)
        {
            System.Diagnostics.Trace.WriteLine($"{instrument.Name} was not recorded: {e.Message}");
        }
    }

    private static string Help(Instrument instrument) =>
        (string.IsNullOrWhiteSpace(instrument.Unit) ? "" : $"({instrument.Unit}) ") + $"{instrument.Description} ({instrument.GetType().Name})";

    /// <summary>Lower case; anything but a letter, digit or underscore becomes an underscore, as prometheus-net does.</summary>
    internal static string PrometheusName(string name) => string.Create(name.Length, name, static (span, name) =>
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = char.ToLowerInvariant(name[i]);
            span[i] = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_';
        }
    });
}
